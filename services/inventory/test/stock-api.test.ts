// The stock API: availability for anyone, stock counts and adjustments for admins only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertProblem, errorPaths } from '@emporium/service-testing';
import type { StockJson, StockList } from '../src/api/stock-schemas.js';
import {
  reserve,
  seedProductId,
  startTestInventory,
  stockedProduct,
  stockOf,
  type TestInventory,
} from './support/inventory.js';

describe('the stock API', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_stock_api');
  });
  after(() => inventory.close());

  type Headers = Record<string, string>;
  const read = (productId: string) => inventory.app.inject({ url: `/v1/stock/${productId}` });
  const list = (productIds: string) => inventory.app.inject({ url: '/v1/stock', query: { product_ids: productIds } });
  const put = (productId: string, payload: object, headers: Headers = inventory.admin) =>
    inventory.app.inject({ method: 'PUT', url: `/v1/stock/${productId}`, headers, payload });
  const adjust = (productId: string, payload: object, headers: Headers = inventory.admin) =>
    inventory.app.inject({ method: 'POST', url: `/v1/stock/${productId}/adjustments`, headers, payload });
  const product = (onHand: number, reserved = 0) => stockedProduct(inventory.pool, { onHand, reserved });
  const adjustmentsOf = async (productId: string) =>
    (
      await inventory.pool.query(
        'SELECT kind, delta, on_hand_after, reason, actor FROM stock_adjustments WHERE product_id = $1 ORDER BY created_at, id',
        [productId],
      )
    ).rows;

  test('anyone reads a product stock: on hand, reserved and available', async () => {
    const mug = await product(12, 5);
    const res = await read(mug);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { product_id: mug, on_hand: 12, reserved: 5, available: 7 });
  });

  test('a seed product is stocked under the id catalog derives from its SKU', async () => {
    const res = await read(seedProductId('KIT-002'));
    assert.equal(res.statusCode, 200);
    assert.ok(res.json<StockJson>().available >= 50);
  });

  test('reading a product inventory has never stocked is a 404; a malformed id is a 400', async () => {
    assertProblem(await read(randomUUID()), 404);
    assert.deepEqual(errorPaths(await read('not-a-uuid')), ['params/product_id']);
  });

  test('a cart reads several products at once, in the order asked, never-stocked ones as 0', async () => {
    const [a, b] = [await product(3), await product(9, 9)];
    const never = randomUUID();
    const res = await list(`${b},${never},${a.toUpperCase()},${b}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<StockList>().items, [
      { product_id: b, on_hand: 9, reserved: 9, available: 0 },
      { product_id: never, on_hand: 0, reserved: 0, available: 0 },
      { product_id: a, on_hand: 3, reserved: 0, available: 3 },
    ]);
  });

  test('a cart query with a bad id, more than 100 ids or none is a 400', async () => {
    const ids = Array.from({ length: 101 }, () => randomUUID());
    assert.deepEqual(errorPaths(await list(`${randomUUID()},nope`)), ['querystring/product_ids']);
    assert.deepEqual(errorPaths(await list(ids.join(','))), ['querystring/product_ids']);
    assert.equal((await list(ids.slice(0, 100).join(','))).statusCode, 200, '100 is allowed');
    assertProblem(await inventory.app.inject({ url: '/v1/stock' }), 400);
    assertProblem(await list(''), 400);
  });

  test('an admin sets on_hand from a count, creating stock for a new product, and the change is logged', async () => {
    const fresh = randomUUID();
    const created = await put(fresh, { on_hand: 40 });
    assert.equal(created.statusCode, 200, created.body);
    assert.deepEqual(created.json(), { product_id: fresh, on_hand: 40, reserved: 0, available: 40 });
    assert.deepEqual((await put(fresh, { on_hand: 25 })).json<StockJson>().available, 25);
    assert.deepEqual((await read(fresh)).json<StockJson>().on_hand, 25);
    const log = await adjustmentsOf(fresh);
    assert.deepEqual(
      log.map((l) => [l.kind, l.delta, l.on_hand_after]),
      [
        ['set', 40, 40],
        ['set', -15, 25],
      ],
    );
    const { rows } = await inventory.pool.query('SELECT low_stock_threshold FROM stock WHERE product_id = $1', [fresh]);
    assert.equal(rows[0]?.low_stock_threshold, 5, 'new stock gets the configured threshold');
  });

  test('an admin adjusts on_hand by a delta with a reason, logged with who did it', async () => {
    const mug = await product(10, 4);
    const res = await adjust(mug, { delta: 15, reason: 'delivery from the supplier' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { product_id: mug, on_hand: 25, reserved: 4, available: 21 });
    assert.equal((await adjust(mug, { delta: -21, reason: 'water damage' })).json<StockJson>().available, 0);
    const log = await adjustmentsOf(mug);
    assert.deepEqual(
      log.map((l) => [l.kind, l.delta, l.on_hand_after, l.reason]),
      [
        ['adjust', 15, 25, 'delivery from the supplier'],
        ['adjust', -21, 4, 'water damage'],
      ],
    );
    assert.ok(log.every((l) => typeof l.actor === 'string' && l.actor.length > 0));
  });

  test('taking on_hand below zero or below the reserved units is a 409 that changes nothing', async () => {
    const mug = await product(10, 6);
    assertProblem(await adjust(mug, { delta: -11, reason: 'lost' }), 409);
    assertProblem(await adjust(mug, { delta: -5, reason: 'lost' }), 409);
    assertProblem(await put(mug, { on_hand: 5 }), 409);
    assertProblem(await adjust(randomUUID(), { delta: -1, reason: 'lost' }), 409);
    assert.deepEqual(await stockOf(inventory.pool, mug), { on_hand: 10, reserved: 6 });
    assert.deepEqual(await adjustmentsOf(mug), []);
    assert.equal((await put(mug, { on_hand: 6 })).json<StockJson>().available, 0, 'down to reserved is fine');
  });

  test('a bad body or id is a 400 naming the field', async () => {
    const mug = await product(10);
    const cases: [object, string][] = [
      [{ delta: 0, reason: 'nothing' }, 'body/delta'],
      [{ delta: 1.5, reason: 'half' }, 'body/delta'],
      [{ delta: '3', reason: 'text' }, 'body/delta'],
      [{ delta: 3, reason: '' }, 'body/reason'],
      [{ delta: 3, reason: '   ' }, 'body/reason'],
      [{ delta: 3, reason: 'x'.repeat(201) }, 'body/reason'],
      [{ delta: 3 }, 'body/reason'],
    ];
    for (const [payload, path] of cases) {
      assert.ok(errorPaths(await adjust(mug, payload)).includes(path), JSON.stringify(payload));
    }
    assert.ok(errorPaths(await adjust(mug, { delta: 3, reason: 'ok', extra: 1 })).length > 0);
    assert.deepEqual(errorPaths(await put(mug, { on_hand: -1 })), ['body/on_hand']);
    assert.deepEqual(errorPaths(await put(mug, {})), ['body/on_hand']);
    assert.deepEqual(errorPaths(await put('KIT-001', { on_hand: 3 })), ['params/product_id']);
    assert.deepEqual(errorPaths(await adjust('KIT-001', { delta: 3, reason: 'x' })), ['params/product_id']);
    assert.deepEqual(await stockOf(inventory.pool, mug), { on_hand: 10, reserved: 0 });
  });

  test('without a token writes are 401, with a customer token 403, and nothing changes', async () => {
    const mug = await product(10);
    const attempts = (headers: Headers) => [
      put(mug, { on_hand: 1 }, headers),
      adjust(mug, { delta: 1, reason: 'x' }, headers),
    ];
    for (const res of await Promise.all(attempts({}))) assertProblem(res, 401);
    for (const res of await Promise.all(attempts(inventory.customer))) assertProblem(res, 403);
    for (const res of await Promise.all(attempts({ authorization: 'Bearer not.a.jwt' }))) assertProblem(res, 401);
    assert.deepEqual(await stockOf(inventory.pool, mug), { on_hand: 10, reserved: 0 });
  });

  test('an adjustment retried with its Idempotency-Key is applied once; the key with another body is a 409', async () => {
    const mug = await product(10);
    const headers = { ...inventory.admin, 'idempotency-key': randomUUID() };
    const first = await adjust(mug, { delta: 5, reason: 'delivery' }, headers);
    const again = await adjust(mug, { delta: 5, reason: 'delivery' }, headers);
    assert.deepEqual(again.json(), first.json());
    assert.deepEqual(await stockOf(inventory.pool, mug), { on_hand: 15, reserved: 0 });
    assertProblem(await adjust(mug, { delta: 6, reason: 'delivery' }, headers), 409);
  });

  test('reservations show in what the storefront reads', async () => {
    const mug = await product(8);
    await reserve(inventory.pool, randomUUID(), [{ product_id: mug, quantity: 3 }]);
    assert.deepEqual((await read(mug)).json(), { product_id: mug, on_hand: 8, reserved: 3, available: 5 });
  });
});
