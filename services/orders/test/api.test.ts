// The orders API: placing with Idempotency-Key, reading only one's own orders, listing, cancel and ship
// rules, and bad input refused with problem+json.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InventoryReserved, PaymentCompleted } from '@emporium/contracts';
import { assertProblem } from '@emporium/service-testing';
import { orderBody, startTestOrders, type TestOrders } from './support/orders.js';

describe('orders: the API', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders('orders_api');
  });
  after(() => orders.close());

  const post = (payload: object, headers: Record<string, string> = orders.customer) =>
    orders.app.inject({ method: 'POST', url: '/v1/orders', headers, payload });
  const orderCount = async () => (await orders.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n as number;
  const confirm = async (id: string, productId: string) => {
    await orders.deliver(InventoryReserved, { order_id: id, items: [{ product_id: productId, quantity: 1 }] });
    await orders.deliver(PaymentCompleted, {
      payment_id: crypto.randomUUID(),
      order_id: id,
      amount: { amount: 1250, currency: 'USD' },
    });
  };

  it('prices lines from the catalog, merging lines of the same product', async () => {
    const a = orders.addProduct({ price: { amount: 300, currency: 'USD' }, name: 'Mug' });
    const b = orders.addProduct({ price: { amount: 1999, currency: 'USD' } });
    const res = await post(
      orderBody([{ product_id: a.id, quantity: 2 }, { product_id: b.id }, { product_id: a.id, quantity: 1 }]),
    );
    assert.equal(res.statusCode, 202);
    const order = res.json();
    assert.equal(order.items.length, 2);
    assert.deepEqual(order.items[0], {
      product_id: a.id,
      sku: a.sku,
      name: 'Mug',
      quantity: 3,
      unit_price: { amount: 300, currency: 'USD' },
    });
    assert.deepEqual(order.total, { amount: 3 * 300 + 1999, currency: 'USD' });
    assert.equal(order.customer_id, orders.customerId);
  });

  it('a replay with the same Idempotency-Key and body returns the first order and places nothing', async () => {
    const p = orders.addProduct();
    const headers = { ...orders.customer, 'idempotency-key': `checkout-${crypto.randomUUID()}` };
    const first = await post(orderBody([{ product_id: p.id }]), headers);
    const before = await orderCount();
    const again = await post(orderBody([{ product_id: p.id }]), headers);
    assert.equal(again.statusCode, 202);
    assert.equal(again.json().id, first.json().id);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(await orderCount(), before);
    assertProblem(await post(orderBody([{ product_id: p.id, quantity: 2 }]), headers), 409);
  });

  it('concurrent requests with one Idempotency-Key place one order', async () => {
    const p = orders.addProduct();
    const headers = { ...orders.customer, 'idempotency-key': `double-click-${crypto.randomUUID()}` };
    const before = await orderCount();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post(orderBody([{ product_id: p.id }]), headers)),
    );
    assert.deepEqual([...new Set(answers.map((r) => r.statusCode))], [202]);
    assert.equal(new Set(answers.map((r) => r.json().id)).size, 1);
    assert.equal(await orderCount(), before + 1);
  });

  it('refuses unknown and withdrawn products, naming the line', async () => {
    const gone = orders.addProduct({ active: false });
    const res = await post(orderBody([{ product_id: crypto.randomUUID() }, { product_id: gone.id }]));
    const problem = assertProblem(res, 400);
    assert.deepEqual(
      problem.errors?.map((e) => e.path),
      ['body/items/0/product_id', 'body/items/1/product_id'],
    );
  });

  it('refuses malformed bodies with 400 and names the field', async () => {
    const p = orders.addProduct();
    const good = orderBody([{ product_id: p.id }]);
    for (const [payload, field] of [
      [{ ...good, items: [] }, 'items'],
      [{ ...good, items: [{ product_id: 'not-a-uuid', quantity: 1 }] }, 'product_id'],
      [{ ...good, items: [{ product_id: p.id, quantity: 0 }] }, 'quantity'],
      [{ ...good, payment_method: '' }, 'payment_method'],
      [{ ...good, shipping_address: { line1: 'x' } }, 'shipping_address'],
      [{ ...good, total: { amount: 1, currency: 'USD' } }, 'total'],
    ] as const) {
      const problem = assertProblem(await post(payload), 400, field);
      assert.match(JSON.stringify(problem.errors), new RegExp(field), field);
    }
  });

  it('answers 503 when the catalog cannot be reached, and places nothing', async () => {
    const p = orders.addProduct();
    const before = await orderCount();
    orders.catalogDown(true);
    try {
      assertProblem(await post(orderBody([{ product_id: p.id }])), 503);
    } finally {
      orders.catalogDown(false);
    }
    assert.equal(await orderCount(), before);
  });

  it('needs a token, and hides other customers’ orders (404)', async () => {
    const p = orders.addProduct();
    const id = (await post(orderBody([{ product_id: p.id }]))).json().id;
    assertProblem(await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}` }), 401);
    const stranger = await orders.tokens.headersFor('customer');
    assertProblem(await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: stranger }), 404);
    assertProblem(await orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: stranger }), 404);
    assert.equal(
      (await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: orders.admin })).statusCode,
      200,
    );
    assertProblem(
      await orders.app.inject({ method: 'GET', url: '/v1/orders/not-a-uuid', headers: orders.customer }),
      400,
    );
  });

  it('lists the caller’s own orders newest first, page by page; admins list all, by status', async () => {
    const shopper = orders.tokens;
    const customerId = crypto.randomUUID();
    const headers = await shopper.headersFor('customer', customerId);
    const p = orders.addProduct();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(orderBody([{ product_id: p.id }]), headers)).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await orders.app.inject({ method: 'GET', url, headers })).json();
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ids.reverse());
    assertProblem(
      await orders.app.inject({ method: 'GET', url: `/v1/orders?customer_id=${orders.customerId}`, headers }),
      403,
    );
    const confirmedId = ids[0] as string;
    await confirm(confirmedId, p.id);
    const adminList = (
      await orders.app.inject({
        method: 'GET',
        url: `/v1/orders?status=confirmed&customer_id=${customerId}`,
        headers: orders.admin,
      })
    ).json();
    assert.deepEqual(
      adminList.items.map((o: { id: string }) => o.id),
      [confirmedId],
    );
    assertProblem(await orders.app.inject({ method: 'GET', url: '/v1/orders?cursor=garbage', headers }), 400);
  });

  it('ships only confirmed orders, only as admin; a shipped order cannot be cancelled', async () => {
    const p = orders.addProduct();
    const id = (await post(orderBody([{ product_id: p.id }]))).json().id;
    const ship = (headers: Record<string, string>) =>
      orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/ship`, headers });
    assertProblem(await ship(orders.admin), 409);
    await confirm(id, p.id);
    assertProblem(await ship(orders.customer), 403);
    const shipped = await ship(orders.admin);
    assert.equal(shipped.statusCode, 200);
    assert.deepEqual(
      shipped.json().status_history.map((h: { status: string }) => h.status),
      ['pending', 'confirmed', 'shipped'],
    );
    assertProblem(
      await orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: orders.customer }),
      409,
    );
    assertProblem(await ship(orders.admin), 409);
  });

  it('a cancelled order cannot be cancelled again, and its saga timeline is admin-only', async () => {
    const p = orders.addProduct();
    const id = (await post(orderBody([{ product_id: p.id }]))).json().id;
    const cancel = () =>
      orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: orders.customer });
    const first = await cancel();
    assert.equal(first.statusCode, 202);
    assert.equal(first.json().reason, 'cancelled_by_customer');
    assertProblem(await cancel(), 409);
    assertProblem(
      await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}/saga`, headers: orders.customer }),
      403,
    );
  });
});
