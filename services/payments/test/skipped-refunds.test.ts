// A RefundPayment with nothing left to give back (an admin refunded the whole payment first): it moves no
// money and answers PaymentRefundSkipped, once per command, so the saga's compensation ends. One that
// arrives while another refund is with the provider answers only once that refund settled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RefundPayment } from '@emporium/contracts';
import { withTransaction } from '@emporium/service-kit';
import { type RefundResult, settleRefund } from '../src/flows/refunding.js';
import { insertRefund } from '../src/store/refund-store.js';
import { capturedPayment, ledgerOf, paymentOf, publishedAbout, publishedAtLeast, typesOf } from './support/outcomes.js';
import { refundCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: a RefundPayment with nothing left to refund', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_skipped_refunds');
  });
  after(() => payments.close());

  const published = (orderId: string, count: number) => publishedAtLeast(payments.pool, orderId, count);
  const refundRows = async (paymentId: string) =>
    (await payments.pool.query('SELECT 1 FROM refunds WHERE payment_id = $1', [paymentId])).rowCount;
  const deferredRows = async (paymentId: string) =>
    (await payments.pool.query('SELECT 1 FROM deferred_refunds WHERE payment_id = $1', [paymentId])).rowCount;
  /** A RefundPayment for a payment whose whole amount an admin refund (its provider call unanswered) takes. */
  const compensationBehindPendingRefund = async () => {
    const { orderId, paymentId } = await capturedPayment(payments, 3000);
    const pending = await withTransaction(payments.pool, (tx) =>
      insertRefund(tx, { id: crypto.randomUUID(), paymentId, amount: 3000, reason: 'admin_refund' }),
    );
    const commandId = await payments.deliver(RefundPayment, refundCommand(orderId));
    const settlePending = (result: RefundResult) =>
      withTransaction(payments.pool, (tx) => settleRefund(tx, pending.id, result, undefined));
    return { orderId, paymentId, commandId, settlePending };
  };
  const quietly = () => new Promise((r) => setTimeout(r, 400)); // room for an effect, were there one

  it('answers PaymentRefundSkipped already_refunded after an admin refunded it all, moving no money', async () => {
    const { orderId, paymentId } = await capturedPayment(payments, 3000);
    const admin = await payments.app.inject({
      method: 'POST',
      url: `/v1/payments/${paymentId}/refunds`,
      headers: payments.admin,
      payload: {},
    });
    assert.equal(admin.statusCode, 202, admin.body);
    await published(orderId, 2);
    const ledgerBefore = await ledgerOf(payments.pool, paymentId);

    const commandId = await payments.deliver(RefundPayment, refundCommand(orderId));
    await payments.deliver(RefundPayment, refundCommand(orderId), commandId); // redelivered
    await quietly();

    const events = await publishedAbout(payments.pool, orderId);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefunded', 'PaymentRefundSkipped']);
    assert.equal(events[2]?.causationid, commandId);
    assert.deepEqual(events[2]?.data, {
      order_id: orderId,
      payment_id: paymentId,
      reason: 'already_refunded',
      refunded: { amount: 3000, currency: 'USD' },
    });
    assert.equal(await refundRows(paymentId), 1, 'only the admin refund');
    assert.deepEqual(await ledgerOf(payments.pool, paymentId), ledgerBefore);
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 3000);
  });

  it('refunds what an earlier partial refund left, without a skip', async () => {
    const { orderId, paymentId } = await capturedPayment(payments, 3000);
    await payments.deliver(RefundPayment, refundCommand(orderId, 1000));
    await published(orderId, 2);
    await payments.deliver(RefundPayment, refundCommand(orderId));
    const events = await published(orderId, 3);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefunded', 'PaymentRefunded']);
    assert.deepEqual(events[2]?.data.amount, { amount: 2000, currency: 'USD' });
    assert.equal(await refundRows(paymentId), 2);
  });

  it('waits for a pending refund that takes all that is left, then answers skipped once it succeeded', async () => {
    const { orderId, paymentId, commandId, settlePending } = await compensationBehindPendingRefund();
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, orderId)), ['PaymentCompleted'], 'no answer yet');
    assert.equal(await deferredRows(paymentId), 1);

    await settlePending({ kind: 'refunded', refundId: 're_test' });
    const events = await publishedAbout(payments.pool, orderId);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefunded', 'PaymentRefundSkipped']);
    assert.deepEqual(
      [events[2]?.causationid, events[2]?.data.reason, events[2]?.data.refunded],
      [commandId, 'already_refunded', { amount: 3000, currency: 'USD' }],
    );
    assert.equal(await deferredRows(paymentId), 0);
    assert.equal(await refundRows(paymentId), 1);
  });

  it('refunds in full when the pending refund it waited for is refused', async () => {
    const { orderId, commandId, settlePending } = await compensationBehindPendingRefund();
    await settlePending({ kind: 'refused', detail: 'test refusal' });
    const events = await published(orderId, 2);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefunded']);
    assert.deepEqual([events[1]?.causationid, events[1]?.data.amount], [commandId, { amount: 3000, currency: 'USD' }]);
    assert.equal((await paymentOf(payments.pool, orderId))?.status, 'refunded');
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 3000);
  });

  it('answers skipped nothing_captured for a free order, which captured nothing', async () => {
    const { orderId } = await capturedPayment(payments, 0);
    await payments.deliver(RefundPayment, refundCommand(orderId));
    const events = await publishedAbout(payments.pool, orderId);
    assert.deepEqual(
      events.map((e) => [e.type, e.data.reason]),
      [
        ['PaymentCompleted', undefined],
        ['PaymentRefundSkipped', 'nothing_captured'],
      ],
    );
  });
});
