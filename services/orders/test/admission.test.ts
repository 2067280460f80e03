// Admission control: while the oldest order still waiting for its stock has waited past the limit, new
// orders are refused with 429 problem+json and Retry-After, and nothing is placed; a replay of an order
// already placed is still answered; once the reservation moves on, orders are taken again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InventoryReserved } from '@emporium/contracts';
import { assertProblem } from '@emporium/service-testing';
import { metricValue } from '@emporium/testing';
import { orderBody, startTestOrders, type TestOrders } from './support/orders.js';

const MAX_LAG_MS = 300;

describe('orders: admission control', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders(
      'orders_admission',
      { reserveTimeoutMs: 60_000, paymentTimeoutMs: 60_000 },
      { ORDER_ADMISSION_MAX_LAG_MS: String(MAX_LAG_MS), SAGA_SWEEP_INTERVAL_MS: '50' },
    );
  });
  after(() => orders.close());

  const post = (productId: string, key: string) =>
    orders.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...orders.customer, 'idempotency-key': key },
      payload: orderBody([{ product_id: productId, quantity: 1 }]),
    });
  const metric = async (name: string) =>
    metricValue((await orders.app.inject({ method: 'GET', url: '/metrics' })).body, name);
  const lagSeconds = () => metric('emporium_orders_reservation_lag_seconds');
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting until ${what}`);
  };
  const orderCount = async () => (await orders.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n as number;

  it('refuses new orders while the oldest reservation waits too long, and takes them again after', async () => {
    const product = orders.addProduct();
    const firstKey = crypto.randomUUID();
    const first = await post(product.id, firstKey);
    assert.equal(first.statusCode, 202, first.body);
    const firstId = first.json().id as string;

    await until('the first order has waited past the limit', async () => (await lagSeconds()) > MAX_LAG_MS / 1000);
    const [placed, refusedBefore] = [await orderCount(), await metric('emporium_orders_refused_total')];
    const refused = await post(product.id, crypto.randomUUID());
    assertProblem(refused, 429);
    assert.match(refused.json().detail, /faster than they can be confirmed.*nothing was placed/);
    assert.match(String(refused.headers['retry-after']), /^[1-9]\d*$/, 'says when to try again');
    assert.equal(await orderCount(), placed, 'nothing was placed');
    assert.equal(await metric('emporium_orders_refused_total'), refusedBefore + 1);

    const replay = await post(product.id, firstKey);
    assert.equal(replay.statusCode, 202, 'a replay of an order already placed is still answered');
    assert.equal(replay.json().id, firstId);

    await orders.deliver(InventoryReserved, { order_id: firstId, items: [{ product_id: product.id, quantity: 1 }] });
    await until('no order waits for its stock', async () => (await lagSeconds()) === 0);
    const taken = await post(product.id, crypto.randomUUID());
    assert.equal(taken.statusCode, 202, taken.body);
  });
});
