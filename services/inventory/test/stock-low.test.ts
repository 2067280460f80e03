// StockLow: announced when available falls from at or above a product's threshold to below it, once
// per crossing, whether orders or an admin caused the fall.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { StockLow } from '@emporium/contracts';
import {
  commit,
  publishedAbout,
  release,
  reserve,
  startTestInventory,
  stockedProduct,
  type TestInventory,
} from './support/inventory.js';

describe('StockLow', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_stock_low');
  });
  after(() => inventory.close());

  const product = (onHand: number, threshold = 5) => stockedProduct(inventory.pool, { onHand, threshold });
  const lowEvents = async (productId: string) =>
    (await publishedAbout(inventory.pool, productId)).filter((m) => m.type === StockLow.type);
  const reserveOne = (productId: string, quantity: number) => {
    const order = randomUUID();
    return reserve(inventory.pool, order, [{ product_id: productId, quantity }]).then(() => order);
  };
  const adjust = (productId: string, delta: number) =>
    inventory.app.inject({
      method: 'POST',
      url: `/v1/stock/${productId}/adjustments`,
      headers: inventory.admin,
      payload: { delta, reason: 'count' },
    });

  test('is announced once when a reservation takes available below the threshold, not on later ones', async () => {
    const lamp = await product(7);
    await reserveOne(lamp, 2); // 5 left: at the threshold, not below
    assert.equal((await lowEvents(lamp)).length, 0);
    const crossing = randomUUID();
    const commandId = await reserve(inventory.pool, crossing, [{ product_id: lamp, quantity: 1 }]); // 4 left: crossed
    await reserveOne(lamp, 1); // 3 left: still below
    await reserveOne(lamp, 3); // 0 left: still below
    const events = await lowEvents(lamp);
    assert.equal(events.length, 1);
    assert.ok(StockLow.validator.Check(events[0]?.data));
    assert.deepEqual(events[0]?.data, { product_id: lamp, available: 4, threshold: 5 });
    assert.equal(events[0]?.causationid, commandId, 'caused by the reserve that crossed it');
  });

  test('is announced again after stock rose back to the threshold and fell again', async () => {
    const lamp = await product(6);
    const first = await reserveOne(lamp, 2); // 4: crossed
    await release(inventory.pool, first); // 6: back above
    assert.equal((await lowEvents(lamp)).length, 1, 'a rise announces nothing');
    await reserveOne(lamp, 3); // 3: crossed again
    assert.deepEqual(
      (await lowEvents(lamp)).map((e) => e.data.available),
      [4, 3],
    );
  });

  test('a commit does not change available, so announces nothing', async () => {
    const lamp = await product(20);
    const order = await reserveOne(lamp, 18);
    await commit(inventory.pool, order);
    assert.deepEqual(
      (await lowEvents(lamp)).map((e) => e.data.available),
      [2],
    );
  });

  test('a failed reservation announces nothing', async () => {
    const lamp = await product(6);
    await reserveOne(lamp, 7);
    assert.equal((await lowEvents(lamp)).length, 0);
  });

  test('an admin adjustment or count can cross it too, and a product stocked low from nothing does not', async () => {
    const lamp = await product(9);
    assert.equal((await adjust(lamp, -4)).statusCode, 200); // 5
    assert.equal((await adjust(lamp, -1)).statusCode, 200); // 4: crossed
    assert.equal((await adjust(lamp, -1)).statusCode, 200); // 3
    assert.deepEqual(
      (await lowEvents(lamp)).map((e) => e.data),
      [{ product_id: lamp, available: 4, threshold: 5 }],
    );
    const fresh = randomUUID();
    const put = (on_hand: number) =>
      inventory.app.inject({
        method: 'PUT',
        url: `/v1/stock/${fresh}`,
        headers: inventory.admin,
        payload: { on_hand },
      });
    assert.equal((await put(2)).statusCode, 200); // from 0 to 2: a rise
    assert.equal((await lowEvents(fresh)).length, 0);
    await put(30);
    await put(1); // from 30 to 1: crossed
    assert.deepEqual(
      (await lowEvents(fresh)).map((e) => e.data.available),
      [1],
    );
  });

  test('a threshold of 0 is never crossed', async () => {
    const lamp = await product(3, 0);
    await reserveOne(lamp, 3);
    assert.equal((await lowEvents(lamp)).length, 0);
  });
});
