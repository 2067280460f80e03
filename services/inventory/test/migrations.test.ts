// Inventory's migrations: the seed stock for catalog's 63 seed products, applied once, and runnable by
// a service role that owns its database without being a superuser.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '@emporium/service-kit';
import { POSTGRES_SERVERS, withOwnedDatabase } from '@emporium/service-testing';
import { MIGRATIONS_DIR } from '../src/config.js';
import { startTestInventory, type TestInventory } from './support/inventory.js';

const SEED_SKUS = ['KIT', 'OUT', 'ELE', 'HOM', 'BOO', 'APP', 'TOY'].flatMap((prefix) =>
  Array.from({ length: 9 }, (_, n) => `${prefix}-00${n + 1}`),
);

describe('inventory migrations', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_migrations');
  });
  after(() => inventory.close());

  const seedStock = async () =>
    (
      await inventory.pool.query<{ sku: string; on_hand: number; reserved: number; low_stock_threshold: number }>(
        `SELECT sku, s.on_hand, s.reserved, s.low_stock_threshold
         FROM unnest($1::text[]) AS sku JOIN stock s ON s.product_id = md5('emporium-seed:' || sku)::uuid`,
        [SEED_SKUS],
      )
    ).rows;

  test('stocks every seed product under the id catalog derives from its SKU', async () => {
    const rows = await seedStock();
    assert.equal(rows.length, 63);
    assert.equal((await inventory.pool.query('SELECT 1 FROM stock')).rowCount, 63, 'and nothing else');
    assert.ok(rows.every((r) => r.reserved === 0 && r.low_stock_threshold === 5));
  });

  test('most seed products hold 50-200 units, a few are nearly sold out', async () => {
    const rows = await seedStock();
    const low = rows.filter((r) => r.on_hand < 10);
    assert.deepEqual(low.map((r) => r.sku).toSorted(), [
      'APP-006',
      'ELE-003',
      'HOM-006',
      'KIT-005',
      'OUT-001',
      'TOY-006',
    ]);
    const rest = rows.filter((r) => r.on_hand >= 10);
    assert.ok(rest.every((r) => r.on_hand >= 50 && r.on_hand <= 200));
    assert.ok(new Set(rest.map((r) => r.on_hand)).size > 20, 'varied');
  });

  test('applying the migrations a second time applies nothing and does not load the seed twice', async () => {
    const before = await seedStock();
    assert.deepEqual(await migrate(inventory.pool, MIGRATIONS_DIR), []);
    assert.deepEqual(await seedStock(), before);
  });

  for (const server of POSTGRES_SERVERS) {
    test(`a non-superuser role that owns its database can apply them (${server} PostgreSQL)`, async (t) => {
      const ran = await withOwnedDatabase(server, 'inventory', async (pool) => {
        assert.deepEqual(await migrate(pool, MIGRATIONS_DIR), [1, 2]);
      });
      if (!ran) t.skip('the machine PostgreSQL does not answer');
    });
  }
});
