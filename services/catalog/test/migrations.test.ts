// The catalog's migrations: applied once, and runnable by a service role that owns its database
// without being a superuser, on both the embedded PostgreSQL and the machine's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '@emporium/service-kit';
import { POSTGRES_SERVERS, withOwnedDatabase } from '@emporium/service-testing';
import { MIGRATIONS_DIR } from '../src/config.js';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';

describe('catalog migrations', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_migrations');
  });
  after(() => catalog.close());

  const counts = async () =>
    (
      await catalog.pool.query<{ products: number; categories: number }>(
        'SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM categories) AS categories',
      )
    ).rows[0];

  test('applying the migrations a second time applies nothing and does not load the seed twice', async () => {
    const before = await counts();
    assert.deepEqual(before, { products: 63, categories: 7 });
    assert.deepEqual(await migrate(catalog.pool, MIGRATIONS_DIR), []);
    assert.deepEqual(await counts(), before);
  });

  test('seed products carry ids derived from their SKU, which inventory seed stock relies on', async () => {
    const { rows } = await catalog.pool.query<{ mismatched: number }>(
      "SELECT count(*)::int AS mismatched FROM products WHERE id <> md5('emporium-seed:' || sku)::uuid",
    );
    assert.equal(rows[0]?.mismatched, 0);
  });

  test('the search vector weighs name words above description words', async () => {
    const { rows } = await catalog.pool.query<{ vector: string }>(
      "SELECT search_vector::text AS vector FROM products WHERE sku = 'KIT-002'",
    );
    assert.match(rows[0]?.vector ?? '', /'espresso':\d+A,\d+B/);
  });

  for (const server of POSTGRES_SERVERS) {
    test(`a non-superuser role that owns its database can apply them (${server} PostgreSQL)`, async (t) => {
      const ran = await withOwnedDatabase(server, 'catalog', async (pool) => {
        assert.deepEqual(await migrate(pool, MIGRATIONS_DIR), [1, 2, 3]);
        const found = await pool.query("SELECT 1 FROM products WHERE 'skilet' <% name");
        assert.equal(found.rowCount, 1, 'pg_trgm works for the owner');
      });
      if (!ran) t.skip('the machine PostgreSQL does not answer');
    });
  }
});
