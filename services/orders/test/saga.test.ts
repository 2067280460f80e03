// The order saga through its replies: confirmed when stock and payment succeed, rejected with the
// reason (and completed steps compensated in reverse) when one fails or times out, late successes undone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
  ReleaseInventory,
} from '@emporium/contracts';
import { metricValue } from '@emporium/testing';
import { defineSaga } from '../src/saga/definition.js';
import { orderBody, startTestOrders, type TestOrders } from './support/orders.js';

describe('orders: the order saga', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders('orders_saga', { reserveTimeoutMs: 60_000, paymentTimeoutMs: 60_000 });
  });
  after(() => orders.close());

  const place = async (paymentMethod = 'pm_card_visa') => {
    const product = orders.addProduct({ price: { amount: 1000, currency: 'USD' } });
    const res = await orders.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: orders.customer,
      payload: orderBody([{ product_id: product.id, quantity: 2 }], paymentMethod),
    });
    assert.equal(res.statusCode, 202, res.body);
    return { order: res.json() as { id: string; status: string; total: { amount: number } }, product };
  };
  const statusOf = async (id: string) => {
    const res = await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: orders.customer });
    return res.json() as {
      status: string;
      reason?: string;
      status_history: Array<{ status: string; reason?: string }>;
    };
  };
  const names = async (id: string) => (await orders.published(id)).map((m) => m.name);
  const cancel = (id: string) =>
    orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: orders.customer });
  const sagaOf = async (id: string) =>
    (await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}/saga`, headers: orders.admin })).json();
  const reserved = (id: string, productId: string) =>
    orders.deliver(InventoryReserved, { order_id: id, items: [{ product_id: productId, quantity: 2 }] });
  const paid = (id: string) =>
    orders.deliver(PaymentCompleted, {
      payment_id: crypto.randomUUID(),
      order_id: id,
      amount: { amount: 2000, currency: 'USD' },
    });

  it('places an order pending, with OrderCreated and ReserveInventory in the same transaction', async () => {
    const { order, product } = await place();
    assert.equal(order.status, 'pending');
    assert.equal(order.total.amount, 2000, 'priced from the catalog');
    const messages = await orders.published(order.id);
    assert.deepEqual(
      messages.map((m) => m.name),
      ['OrderCreated', 'ReserveInventory'],
    );
    assert.deepEqual(messages[1]?.data, { order_id: order.id, items: [{ product_id: product.id, quantity: 2 }] });
  });

  it('confirms the order once stock is reserved and payment captured, then commits the reservation', async () => {
    const { order, product } = await place();
    await reserved(order.id, product.id);
    assert.deepEqual(await names(order.id), ['OrderCreated', 'ReserveInventory', 'ProcessPayment']);
    await paid(order.id);
    assert.deepEqual((await names(order.id)).slice(3), ['CommitReservation', 'OrderConfirmed']);
    const now = await statusOf(order.id);
    assert.equal(now.status, 'confirmed');
    assert.deepEqual(
      now.status_history.map((h) => h.status),
      ['pending', 'confirmed'],
    );
  });

  it('counts each saga outcome once, when the transaction that ends the saga has committed', async () => {
    const outcomes = async (outcome: string, reason: string) =>
      metricValue((await orders.app.inject({ method: 'GET', url: '/metrics' })).body, 'emporium_saga_outcomes_total', {
        saga: 'order',
        outcome,
        reason,
      });
    const [completed, declined] = [await outcomes('completed', 'none'), await outcomes('failed', 'payment_declined')];
    const confirmed = await place();
    await reserved(confirmed.order.id, confirmed.product.id);
    assert.equal(await outcomes('completed', 'none'), completed, 'not before the saga ends');
    await paid(confirmed.order.id);
    await paid(confirmed.order.id); // a second capture ends nothing more (it is refunded)
    assert.equal(await outcomes('completed', 'none'), completed + 1);
    const rejected = await place('pm_card_chargeDeclined');
    await reserved(rejected.order.id, rejected.product.id);
    await orders.deliver(PaymentFailed, { order_id: rejected.order.id, reason: 'payment_declined' });
    assert.equal(await outcomes('failed', 'payment_declined'), declined + 1);
  });

  it('rejects with out_of_stock when the reservation fails, without attempting payment', async () => {
    const { order, product } = await place();
    await orders.deliver(InventoryReservationFailed, {
      order_id: order.id,
      reason: 'out_of_stock',
      shortages: [{ product_id: product.id, requested: 2, available: 1 }],
    });
    const now = await statusOf(order.id);
    assert.equal(now.status, 'rejected');
    assert.equal(now.reason, 'out_of_stock');
    assert.deepEqual(await names(order.id), ['OrderCreated', 'ReserveInventory', 'OrderRejected']);
  });

  it('releases the reservation and rejects with the payment reason when payment fails', async () => {
    const { order, product } = await place('pm_card_chargeDeclined');
    await reserved(order.id, product.id);
    await orders.deliver(PaymentFailed, { order_id: order.id, reason: 'payment_declined' });
    assert.deepEqual((await names(order.id)).slice(3), ['ReleaseInventory', 'OrderRejected']);
    assert.equal((await statusOf(order.id)).reason, 'payment_declined');
    const saga = async () =>
      (await orders.app.inject({ method: 'GET', url: `/v1/orders/${order.id}/saga`, headers: orders.admin })).json();
    assert.equal((await saga()).status, 'compensating');
    await orders.deliver(InventoryReleased, { order_id: order.id, reason: 'payment_declined' });
    const done = await saga();
    assert.equal(done.status, 'compensated');
    assert.deepEqual(
      done.timeline.map((e: { step: string; event: string }) => `${e.step}:${e.event}`),
      [
        'order:saga_started',
        'reserve_inventory:started',
        'reserve_inventory:completed',
        'process_payment:started',
        'process_payment:failed',
        'reserve_inventory:compensating',
        'reserve_inventory:compensated',
      ],
    );
  });

  it('ignores a reply for a step that is not the current one (a re-sent InventoryReserved starts no second payment)', async () => {
    const { order, product } = await place();
    await reserved(order.id, product.id);
    await reserved(order.id, product.id);
    assert.equal((await names(order.id)).filter((n) => n === 'ProcessPayment').length, 1);
  });

  it('cancelling a confirmed order refunds then releases (reverse order) and reports the refund', async () => {
    const { order, product } = await place();
    await reserved(order.id, product.id);
    await paid(order.id);
    const res = await cancel(order.id);
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().status, 'cancelled');
    const messages = (await orders.published(order.id)).slice(5);
    assert.deepEqual(
      messages.map((m) => m.name),
      ['RefundPayment', 'ReleaseInventory', 'OrderCancelled'],
    );
    assert.deepEqual(messages[2]?.data.refunded, { amount: 2000, currency: 'USD' });
    await orders.deliver(PaymentRefunded, {
      payment_id: crypto.randomUUID(),
      refund_id: crypto.randomUUID(),
      order_id: order.id,
      amount: { amount: 2000, currency: 'USD' },
    });
    await orders.deliver(InventoryReleased, { order_id: order.id, reason: 'cancelled_by_customer' });
    assert.equal((await sagaOf(order.id)).status, 'compensated');
  });

  it('completes the compensation of a cancelled order whose payment had already been refunded in full', async () => {
    const { order, product } = await place();
    await reserved(order.id, product.id);
    await paid(order.id);
    assert.equal((await cancel(order.id)).statusCode, 202);
    const saga = () => sagaOf(order.id);
    const skipped = {
      order_id: order.id,
      payment_id: crypto.randomUUID(),
      reason: 'already_refunded' as const,
      refunded: { amount: 2000, currency: 'USD' },
    };
    await orders.deliver(InventoryReleased, { order_id: order.id, reason: 'cancelled_by_customer' });
    assert.equal((await saga()).status, 'compensating', 'the refund is still awaited');
    await orders.deliver(PaymentRefundSkipped, skipped);
    const done = await saga();
    assert.equal(done.status, 'compensated');
    assert.equal((await statusOf(order.id)).status, 'cancelled');
    // A second answer to the same undo (a re-sent RefundPayment's) changes nothing.
    await orders.deliver(PaymentRefundSkipped, skipped);
    const again = await saga();
    assert.equal(again.status, 'compensated');
    assert.deepEqual(
      again.timeline.slice(-3).map((e: { step: string; event: string }) => `${e.step}:${e.event}`),
      ['reserve_inventory:compensated', 'process_payment:compensated', 'process_payment:ignored'],
    );
    assert.deepEqual((await names(order.id)).slice(5), ['RefundPayment', 'ReleaseInventory', 'OrderCancelled']);
  });

  it('does not end a compensation on a skipped refund it never asked for', async () => {
    const { order, product } = await place('pm_card_chargeDeclined');
    await reserved(order.id, product.id);
    await orders.deliver(PaymentFailed, { order_id: order.id, reason: 'payment_declined' });
    await orders.deliver(PaymentRefundSkipped, {
      order_id: order.id,
      payment_id: null,
      reason: 'no_payment',
      refunded: null,
    });
    const saga = await sagaOf(order.id);
    assert.equal(saga.status, 'compensating', 'still waiting for the stock to be released');
    assert.equal(saga.timeline.at(-1).event, 'ignored');
  });

  it('cancelling a pending order undoes the running step too, and a late payment is refunded', async () => {
    const { order, product } = await place();
    await reserved(order.id, product.id);
    const res = await orders.app.inject({
      method: 'POST',
      url: `/v1/orders/${order.id}/cancel`,
      headers: orders.customer,
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual((await names(order.id)).slice(3), ['RefundPayment', 'ReleaseInventory', 'OrderCancelled']);
    await paid(order.id);
    assert.equal((await names(order.id)).at(-1), 'RefundPayment', 'the late capture is refunded');
    assert.equal((await statusOf(order.id)).status, 'cancelled', 'a late payment does not confirm a cancelled order');
  });
});

describe('orders: saga step deadlines', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders('orders_deadline', { reserveTimeoutMs: 60_000, paymentTimeoutMs: 1 });
  });
  after(() => orders.close());

  it('rejects with timeout when payment takes too long, undoing the reservation and the payment it may have made', async () => {
    const product = orders.addProduct();
    const placed = await orders.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: orders.customer,
      payload: orderBody([{ product_id: product.id }], 'pm_card_slow'),
    });
    const id = placed.json().id as string;
    await orders.deliver(InventoryReserved, { order_id: id, items: [{ product_id: product.id, quantity: 1 }] });
    await new Promise((r) => setTimeout(r, 20));
    assert.ok((await orders.deadlines.sweep()) >= 1);
    const order = (
      await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}`, headers: orders.customer })
    ).json();
    assert.equal(order.status, 'rejected');
    assert.equal(order.reason, 'timeout');
    const names = (await orders.published(id)).map((m) => m.name);
    assert.deepEqual(names.slice(3), ['RefundPayment', 'ReleaseInventory', 'OrderRejected']);
    await orders.deliver(PaymentCompleted, {
      payment_id: crypto.randomUUID(),
      order_id: id,
      amount: { amount: 1250, currency: 'USD' },
    });
    assert.equal((await orders.published(id)).at(-1)?.name, 'RefundPayment', 'the late capture is refunded');
    assert.equal(await orders.deadlines.sweep(), 0, 'an expired saga is expired once');
    // Only the completed step's undo is awaited: the timed-out payment may never have charged anything.
    await orders.deliver(InventoryReleased, { order_id: id, reason: 'timeout' });
    const saga = (
      await orders.app.inject({ method: 'GET', url: `/v1/orders/${id}/saga`, headers: orders.admin })
    ).json();
    assert.equal(saga.status, 'compensated');
  });
});

describe('orders: saga definitions', () => {
  const step = (name: string, compensatedOn: Parameters<typeof defineSaga>[0]['steps'][number]['compensatedOn']) => ({
    name,
    invoke: () => ({ definition: ReleaseInventory, data: {} }),
    compensatedOn,
  });
  const saga = (...steps: ReturnType<typeof step>[]) => ({
    name: 'test',
    source: '/emporium/orders',
    steps,
    correlate: () => '',
    onCompleted: async () => {},
    onFailed: async () => {},
  });

  it('accepts several replies confirming one undo', () => {
    assert.doesNotThrow(() => defineSaga(saga(step('pay', [PaymentRefunded, PaymentRefundSkipped]))));
  });

  it('refuses a reply that would confirm the undo of two steps', () => {
    assert.throws(
      () => defineSaga(saga(step('pay', [PaymentRefunded, PaymentRefundSkipped]), step('repay', PaymentRefundSkipped))),
      /PaymentRefundSkipped.* ends more than one step/,
    );
  });
});
