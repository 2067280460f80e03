// withTransaction and its commit hooks: a hook runs once the transaction has committed (what it
// reports is visible to others), never when it rolls back, and only inside a transaction of the kit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';
import { afterCommit, createPool, type Pool, withTransaction } from '../src/index.js';

describe('withTransaction and afterCommit', () => {
  let db: TestDatabase;
  let pool: Pool;
  before(async () => {
    db = await createTestDatabase('kit_transactions');
    pool = createPool(db.url, 5);
    await pool.query('CREATE TABLE things (id int PRIMARY KEY)');
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  const visible = async (id: number) => (await pool.query('SELECT 1 FROM things WHERE id = $1', [id])).rowCount === 1;

  it('runs the hooks in order once the transaction has committed', async () => {
    const seen: string[] = [];
    let during: boolean | undefined;
    await withTransaction(pool, async (tx) => {
      await tx.query('INSERT INTO things VALUES (1)');
      afterCommit(tx, () => seen.push('first'));
      afterCommit(tx, () => seen.push('second'));
      during = seen.length === 0;
    });
    assert.equal(during, true, 'no hook runs before the commit');
    assert.deepEqual(seen, ['first', 'second']);
    assert.equal(await visible(1), true);
  });

  it('sees the committed state from another connection when a hook runs', async () => {
    let seenByHook: Promise<boolean> | undefined;
    await withTransaction(pool, async (tx) => {
      await tx.query('INSERT INTO things VALUES (2)');
      afterCommit(tx, () => {
        seenByHook = visible(2);
      });
    });
    assert.equal(await seenByHook, true);
  });

  it('never runs the hooks of a transaction that rolls back, nor keeps them for the next', async () => {
    const ran: string[] = [];
    await assert.rejects(
      withTransaction(pool, async (tx) => {
        await tx.query('INSERT INTO things VALUES (3)');
        afterCommit(tx, () => ran.push('rolled back'));
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    // The pool hands the same connection out again: its next transaction starts with no hooks.
    await withTransaction(pool, async (tx) => {
      afterCommit(tx, () => ran.push('committed'));
    });
    assert.deepEqual(ran, ['committed']);
    assert.equal(await visible(3), false);
  });

  it('keeps a committed transaction committed when a hook throws', async () => {
    const result = await withTransaction(pool, async (tx) => {
      await tx.query('INSERT INTO things VALUES (4)');
      afterCommit(tx, () => {
        throw new Error('a broken metric');
      });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(await visible(4), true);
  });

  it('refuses a hook outside a transaction of the kit', () => {
    assert.throws(() => afterCommit(pool, () => {}), /needs a transaction opened by withTransaction/);
  });
});
