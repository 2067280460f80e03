// An admin's refund through the API: accepted at once (202) and finished by a job with
// PaymentRefunded; never past what is left; safe to retry with an Idempotency-Key; admins only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment } from '@emporium/contracts';
import { assertProblem, errorPaths } from '@emporium/service-testing';
import { paymentOf, publishedAbout, typesOf } from './support/outcomes.js';
import { eventually, processCommand, startTestPayments, type TestPayments } from './support/payments.js';

interface Accepted {
  id: string;
  payment_id: string;
  amount: { amount: number; currency: string };
  status: string;
}

describe('payments: refunds by an admin', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_admin_refunds', { slowMs: 1500 });
  });
  after(() => payments.close());

  /** A payment for a new order, once settled; returns its id and order id. */
  const settledPayment = async (overrides: Parameters<typeof processCommand>[0] = {}) => {
    const command = processCommand({ amount: { amount: 5000, currency: 'USD' }, ...overrides });
    await payments.deliver(ProcessPayment, command);
    await eventually(async () => (await publishedAbout(payments.pool, command.order_id)).length > 0, 'the outcome');
    const payment = await paymentOf(payments.pool, command.order_id);
    return { id: payment?.id ?? '', orderId: command.order_id };
  };
  const refund = (paymentId: string, payload: object = {}, headers: Record<string, string> = {}) =>
    payments.app.inject({
      method: 'POST',
      url: `/v1/payments/${paymentId}/refunds`,
      headers: { ...payments.admin, ...headers },
      payload,
    });
  const refundedEvents = (orderId: string, count: number) =>
    eventually(async () => {
      const events = (await publishedAbout(payments.pool, orderId)).filter((e) => e.type === 'PaymentRefunded');
      return events.length >= count && events;
    }, `${count} refund(s) of ${orderId}`);

  it('accepts a full refund with 202 and finishes it with PaymentRefunded', async () => {
    const payment = await settledPayment();
    const res = await refund(payment.id);
    assert.equal(res.statusCode, 202);
    const accepted = res.json<Accepted>();
    assert.deepEqual(
      { ...accepted, id: undefined },
      { id: undefined, payment_id: payment.id, amount: { amount: 5000, currency: 'USD' }, status: 'pending' },
    );
    const [event] = await refundedEvents(payment.orderId, 1);
    assert.equal(event?.data.refund_id, accepted.id);
    assert.equal((await paymentOf(payments.pool, payment.orderId))?.status, 'refunded');
    assert.equal((await payments.provider.chargesFor(payment.orderId))[0]?.amount_refunded, 5000);
  });

  it('refunds in parts and answers 409 to a refund past what is left, counting pending refunds', async () => {
    const payment = await settledPayment();
    assert.equal((await refund(payment.id, { amount: { amount: 3000, currency: 'USD' } })).statusCode, 202);
    assertProblem(await refund(payment.id, { amount: { amount: 2001, currency: 'USD' } }), 409);
    assert.equal((await refund(payment.id, { amount: { amount: 2000, currency: 'USD' } })).statusCode, 202);
    assertProblem(await refund(payment.id), 409, 'nothing is left');
    await refundedEvents(payment.orderId, 2);
    assert.equal((await payments.provider.chargesFor(payment.orderId))[0]?.amount_refunded, 5000);
  });

  it('lets only one of two racing refunds take what is left', async () => {
    const payment = await settledPayment();
    const body = { amount: { amount: 3000, currency: 'USD' } };
    const results = await Promise.all([refund(payment.id, body), refund(payment.id, body)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [202, 409]);
  });

  it('answers 409 for a payment that was declined or is still processing', async () => {
    const declined = await settledPayment({ payment_method: 'pm_card_chargeDeclined' });
    assertProblem(await refund(declined.id), 409);
    const command = processCommand({ payment_method: 'pm_card_slow' });
    await payments.deliver(ProcessPayment, command);
    const processing = await paymentOf(payments.pool, command.order_id);
    assertProblem(await refund(processing?.id ?? ''), 409);
  });

  it('replays the first answer to a retry with the same Idempotency-Key, and refunds once', async () => {
    const payment = await settledPayment();
    const key = { 'idempotency-key': randomUUID() };
    const body = { amount: { amount: 1000, currency: 'USD' } };
    const first = await refund(payment.id, body, key);
    const again = await refund(payment.id, body, key);
    assert.deepEqual([first.statusCode, again.statusCode], [202, 202]);
    assert.deepEqual(again.json(), first.json());
    assertProblem(await refund(payment.id, { amount: { amount: 999, currency: 'USD' } }, key), 409);
    await refundedEvents(payment.orderId, 1);
    const { rowCount } = await payments.pool.query('SELECT 1 FROM refunds WHERE payment_id = $1', [payment.id]);
    assert.equal(rowCount, 1);
  });

  it('is for admins only: 401 without a token, 403 for a customer', async () => {
    const payment = await settledPayment({ customer_id: payments.customerId });
    assertProblem(
      await payments.app.inject({ method: 'POST', url: `/v1/payments/${payment.id}/refunds`, payload: {} }),
      401,
    );
    const asCustomer = await payments.app.inject({
      method: 'POST',
      url: `/v1/payments/${payment.id}/refunds`,
      headers: payments.customer,
      payload: {},
    });
    assertProblem(asCustomer, 403);
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, payment.orderId)), ['PaymentCompleted']);
  });

  it('answers 404 for an unknown payment and 400 for bad input', async () => {
    assertProblem(await refund(randomUUID()), 404);
    const payment = await settledPayment();
    assert.deepEqual(errorPaths(await refund('nope')), ['params/id']);
    assert.ok(
      errorPaths(await refund(payment.id, { amount: { amount: -1, currency: 'USD' } }))[0]?.startsWith('body/amount'),
    );
    assert.ok(errorPaths(await refund(payment.id, { amount: 100 }))[0]?.startsWith('body/amount'));
    assert.ok(
      errorPaths(await refund(payment.id, { amount: { amount: 1, currency: 'usd' } }))[0]?.startsWith('body/amount'),
    );
    assert.deepEqual(errorPaths(await refund(payment.id, { amount: { amount: 0, currency: 'USD' } })), [
      'body/amount/amount',
    ]);
    assert.deepEqual(errorPaths(await refund(payment.id, { amount: { amount: 10, currency: 'EUR' } })), [
      'body/amount/currency',
    ]);
    assert.equal(errorPaths(await refund(payment.id, { reason: 'why not' })).length, 1);
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, payment.orderId)), ['PaymentCompleted']);
  });
});
