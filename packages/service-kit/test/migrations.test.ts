import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';
import { createPool, migrate, type Pool } from '../src/index.js';

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  let db: TestDatabase;
  let pool: Pool;
  before(async () => {
    db = await createTestDatabase('kit_migrations');
    pool = createPool(db.url, 5);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies pending files in order once and records them', async () => {
    const dir = await migrationsDir({
      '0001_create_things.sql': 'CREATE TABLE things (id int PRIMARY KEY);',
      '0002_seed_things.sql': 'INSERT INTO things VALUES (1), (2);',
    });
    assert.deepEqual(await migrate(pool, dir), [1, 2]);
    assert.deepEqual(await migrate(pool, dir), []);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM things');
    assert.equal(rows[0].n, 2);
  });

  it('applies once when two instances migrate at the same moment', async () => {
    const dir = await migrationsDir({
      '0001_create_things.sql': 'CREATE TABLE things (id int PRIMARY KEY);',
      '0002_seed_things.sql': 'INSERT INTO things VALUES (1), (2);',
      '0003_counter.sql': 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);',
    });
    const results = await Promise.all([migrate(pool, dir), migrate(pool, dir), migrate(pool, dir)]);
    assert.deepEqual(results.flat(), [3]);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM counter');
    assert.equal(rows[0].n, 1);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = await migrationsDir({
      '0001_create_things.sql': 'CREATE TABLE things (id int PRIMARY KEY, extra text);',
      '0002_seed_things.sql': 'INSERT INTO things VALUES (1), (2);',
      '0003_counter.sql': 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);',
    });
    await assert.rejects(migrate(pool, dir), /0001_create_things was edited after it was applied/);
  });

  it('rolls back every pending migration when one of them fails', async () => {
    const dir = await migrationsDir({
      '0001_create_things.sql': 'CREATE TABLE things (id int PRIMARY KEY);',
      '0002_seed_things.sql': 'INSERT INTO things VALUES (1), (2);',
      '0003_counter.sql': 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);',
      '0004_good.sql': 'CREATE TABLE good (id int);',
      '0005_bad.sql': 'INSERT INTO no_such_table VALUES (1);',
    });
    await assert.rejects(migrate(pool, dir), /no_such_table/);
    const { rows } = await pool.query("SELECT to_regclass('good') AS t");
    assert.equal(rows[0].t, null);
  });

  it('rejects a file that is not named NNNN_name.sql', async () => {
    const dir = await migrationsDir({ '1_oops.sql': 'SELECT 1;' });
    await assert.rejects(migrate(pool, dir), /must be named NNNN_lower_snake_name\.sql/);
  });
});
