// Inventory's pact with orders: the saga's commands as inventory receives them, each handled by
// inventory's own handler on its own database - reserve, then commit the sale, then give it back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumerPact, EXAMPLE, exampleOf, expectMessage, outboxOf, runHandler } from '@emporium/contract-testing';
import { CommitReservation, ReleaseInventory, ReserveInventory } from '@emporium/contracts';
import { HANDLERS } from '../../src/messages/subscriptions.js';
import { startTestInventory, stockOf, type TestInventory } from '../support/inventory.js';

describe('inventory ← orders: the saga commands', () => {
  const { pact, settle } = consumerPact('inventory', 'orders');
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_pact_orders');
    await inventory.pool.query(
      'INSERT INTO stock (product_id, on_hand, reserved, low_stock_threshold) VALUES ($1, 10, 0, 1)',
      [EXAMPLE.product],
    );
  });
  after(() => inventory.close());

  const published = async () => (await outboxOf(inventory.pool, EXAMPLE.order)).map((e) => e.type.split('.')[2]);

  it('reserves every line of a ReserveInventory', async () => {
    await expectMessage(pact, exampleOf(ReserveInventory), async (command) => {
      assert.deepEqual(await runHandler(inventory.pool, HANDLERS, command), []);
      assert.deepEqual(await stockOf(inventory.pool, EXAMPLE.product), { on_hand: 10, reserved: 2 });
      assert.deepEqual(await published(), ['InventoryReserved']);
    });
  });

  it('turns the reservation into a sale on CommitReservation', async () => {
    await expectMessage(pact, exampleOf(CommitReservation), async (command) => {
      assert.deepEqual(await runHandler(inventory.pool, HANDLERS, command), []);
      assert.deepEqual(await stockOf(inventory.pool, EXAMPLE.product), { on_hand: 8, reserved: 0 });
    });
  });

  it('gives the stock back on ReleaseInventory and says so', async () => {
    await expectMessage(pact, exampleOf(ReleaseInventory), async (command) => {
      assert.deepEqual(await runHandler(inventory.pool, HANDLERS, command), []);
      assert.deepEqual(await stockOf(inventory.pool, EXAMPLE.product), { on_hand: 10, reserved: 0 });
      assert.deepEqual(await published(), ['InventoryReserved', 'InventoryReleased']);
    });
  });

  it('matches the committed pact', () => settle());
});
