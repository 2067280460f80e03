// The order saga's commands: reserve all or nothing, once per order; commit; release (with restock
// for a sold order); and a release that arrives before the reserve it compensates.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { InventoryReleased, InventoryReservationFailed, InventoryReserved } from '@emporium/contracts';
import {
  commit,
  handlerContext,
  publishedAbout,
  release,
  reserve,
  startTestInventory,
  stockedProduct,
  stockOf,
  type TestInventory,
} from './support/inventory.js';

describe('reservations for orders', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_reservations');
  });
  after(() => inventory.close());

  const product = (onHand: number, reserved = 0) => stockedProduct(inventory.pool, { onHand, reserved });
  const stock = (productId: string) => stockOf(inventory.pool, productId);
  const published = (orderId: string) => publishedAbout(inventory.pool, orderId);
  const linesOf = async (orderId: string) =>
    (await inventory.pool.query('SELECT product_id, quantity FROM reservation_lines WHERE order_id = $1', [orderId]))
      .rows;

  test('reserves every line, summing lines of one product, and answers InventoryReserved to the command', async () => {
    const [mug, tent] = [await product(10), await product(3)];
    const order = randomUUID();
    const commandId = await reserve(inventory.pool, order, [
      { product_id: mug, quantity: 2 },
      { product_id: tent, quantity: 3 },
      { product_id: mug, quantity: 4 },
    ]);
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 6 });
    assert.deepEqual(await stock(tent), { on_hand: 3, reserved: 3 });
    const [reply, ...more] = await published(order);
    assert.equal(more.length, 0);
    assert.equal(reply?.type, InventoryReserved.type);
    assert.ok(InventoryReserved.validator.Check(reply?.data));
    assert.equal(reply?.causationid, commandId);
    const items = reply?.data.items as { product_id: string; quantity: number }[];
    assert.deepEqual(
      items.toSorted((a, b) => a.product_id.localeCompare(b.product_id)),
      [
        { product_id: mug, quantity: 6 },
        { product_id: tent, quantity: 3 },
      ].toSorted((a, b) => a.product_id.localeCompare(b.product_id)),
    );
  });

  test('reserves nothing when one line falls short, and names each shortage', async () => {
    const [plenty, scarce] = [await product(50), await product(5, 3)];
    const never = randomUUID(); // a product inventory has never stocked counts as 0 available
    const order = randomUUID();
    await reserve(inventory.pool, order, [
      { product_id: plenty, quantity: 5 },
      { product_id: scarce, quantity: 2 },
      { product_id: scarce, quantity: 1 },
      { product_id: never, quantity: 1 },
    ]);
    assert.deepEqual(await stock(plenty), { on_hand: 50, reserved: 0 }, 'the line that fit was not reserved');
    assert.deepEqual(await stock(scarce), { on_hand: 5, reserved: 3 });
    assert.deepEqual(await linesOf(order), []);
    const [reply] = await published(order);
    assert.equal(reply?.type, InventoryReservationFailed.type);
    assert.ok(InventoryReservationFailed.validator.Check(reply?.data));
    assert.equal(reply?.data.reason, 'out_of_stock');
    const shortages = reply?.data.shortages as object[];
    assert.equal(shortages.length, 2);
    assert.deepEqual(
      new Set(shortages.map((s) => JSON.stringify(s))),
      new Set([
        JSON.stringify({ product_id: scarce, requested: 3, available: 2 }),
        JSON.stringify({ product_id: never, requested: 1, available: 0 }),
      ]),
    );
  });

  test('a repeated reserve for an order (a saga retry) reserves once and repeats the outcome', async () => {
    const mug = await product(10);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 4 }]);
    const retryId = await reserve(inventory.pool, order, [{ product_id: mug, quantity: 4 }]);
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 4 });
    const replies = await published(order);
    assert.deepEqual(
      replies.map((r) => r.type),
      [InventoryReserved.type, InventoryReserved.type],
    );
    assert.equal(replies[1]?.causationid, retryId);
    assert.deepEqual(replies[1]?.data, replies[0]?.data);
  });

  test('a repeated reserve after a shortage repeats the failure, even once stock is back', async () => {
    const scarce = await product(1);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: scarce, quantity: 2 }]);
    await inventory.pool.query('UPDATE stock SET on_hand = 10 WHERE product_id = $1', [scarce]);
    await reserve(inventory.pool, order, [{ product_id: scarce, quantity: 2 }]);
    assert.deepEqual(await stock(scarce), { on_hand: 10, reserved: 0 });
    const replies = await published(order);
    assert.deepEqual(
      replies.map((r) => r.type),
      [InventoryReservationFailed.type, InventoryReservationFailed.type],
    );
    assert.deepEqual(replies[1]?.data, replies[0]?.data);
  });

  test('a commit turns reserved units into a sale, once', async () => {
    const mug = await product(10);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 3 }]);
    await commit(inventory.pool, order);
    assert.deepEqual(await stock(mug), { on_hand: 7, reserved: 0 });
    await commit(inventory.pool, order);
    assert.deepEqual(await stock(mug), { on_hand: 7, reserved: 0 }, 'a repeated commit changes nothing');
    assert.deepEqual(
      (await published(order)).map((r) => r.type),
      [InventoryReserved.type],
    );
  });

  test('a commit for an order with no held reservation is ignored with a warning, not thrown', async () => {
    handlerContext.warnings.length = 0;
    {
      const unknown = randomUUID();
      await commit(inventory.pool, unknown);
      const failed = randomUUID();
      await reserve(inventory.pool, failed, [{ product_id: await product(0), quantity: 1 }]);
      await commit(inventory.pool, failed);
      const warnings = handlerContext.warnings.map((w) => JSON.stringify(w.fields));
      assert.equal(warnings.length, 2);
      assert.match(warnings[0] ?? '', new RegExp(`${unknown}.*missing`));
      assert.match(warnings[1] ?? '', new RegExp(`${failed}.*failed`));
      assert.equal(
        (await inventory.pool.query('SELECT 1 FROM reservations WHERE order_id = $1', [unknown])).rowCount,
        0,
      );
    }
  });

  test('a release gives reserved units back and announces InventoryReleased once', async () => {
    const mug = await product(10);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 4 }]);
    const releaseId = await release(inventory.pool, order, 'payment_declined');
    await release(inventory.pool, order, 'payment_declined');
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 0 });
    const replies = await published(order);
    assert.deepEqual(
      replies.map((r) => r.type),
      [InventoryReserved.type, InventoryReleased.type],
    );
    assert.deepEqual(replies[1]?.data, { order_id: order, reason: 'payment_declined' });
    assert.equal(replies[1]?.causationid, releaseId);
    await commit(inventory.pool, order);
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 0 }, 'a commit after the release changes nothing');
  });

  test('releasing a sold (committed) order restocks its units', async () => {
    const mug = await product(10, 2);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 5 }]);
    await commit(inventory.pool, order);
    assert.deepEqual(await stock(mug), { on_hand: 5, reserved: 2 });
    await release(inventory.pool, order, 'cancelled');
    await release(inventory.pool, order, 'cancelled');
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 2 });
    assert.deepEqual(
      (await published(order)).map((r) => r.type),
      [InventoryReserved.type, InventoryReleased.type],
    );
  });

  test('releasing an order whose reservation failed announces InventoryReleased and moves nothing', async () => {
    const scarce = await product(1);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: scarce, quantity: 2 }]);
    await release(inventory.pool, order, 'out_of_stock');
    assert.deepEqual(await stock(scarce), { on_hand: 1, reserved: 0 });
    assert.deepEqual(
      (await published(order)).map((r) => r.type),
      [InventoryReservationFailed.type, InventoryReleased.type],
    );
  });

  test('a release before the reserve leaves a tombstone: the late reserve is refused and reserves nothing', async () => {
    const mug = await product(10);
    const order = randomUUID();
    await release(inventory.pool, order, 'timeout');
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 1 }]);
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 0 });
    assert.deepEqual(await linesOf(order), []);
    const replies = await published(order);
    assert.deepEqual(
      replies.map((r) => r.type),
      [InventoryReleased.type, InventoryReservationFailed.type],
    );
    assert.deepEqual(replies[1]?.data, { order_id: order, reason: 'order_released', shortages: [] });
    await release(inventory.pool, order, 'timeout');
    assert.equal((await published(order)).length, 2, 'the tombstone is released once');
  });

  test('a reserve repeated after its release is refused, and the stock stays given back', async () => {
    const mug = await product(10);
    const order = randomUUID();
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 3 }]);
    await release(inventory.pool, order, 'timeout');
    await reserve(inventory.pool, order, [{ product_id: mug, quantity: 3 }]);
    assert.deepEqual(await stock(mug), { on_hand: 10, reserved: 0 });
    const last = (await published(order)).at(-1);
    assert.equal(last?.type, InventoryReservationFailed.type);
    assert.deepEqual(last?.data.shortages, []);
  });
});
