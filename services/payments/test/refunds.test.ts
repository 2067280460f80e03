// RefundPayment, the saga's compensation: in full or in part, once per command, and right in the edge
// cases the saga relies on (a refund before the capture, a refund of an order never paid, a refund of
// nothing: each answered, PaymentRefunded or PaymentRefundSkipped, so the compensation can end).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment, RefundPayment } from '@emporium/contracts';
import { capturedPayment, ledgerOf, paymentOf, publishedAbout, publishedAtLeast, typesOf } from './support/outcomes.js';
import { eventually, processCommand, refundCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: RefundPayment', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_refunds', { slowMs: 700 });
  });
  after(() => payments.close());

  const published = (orderId: string, count: number) => publishedAtLeast(payments.pool, orderId, count);
  /** A captured payment of `amount` for a new order. */
  const capturedOrder = async (amount = 3000) => (await capturedPayment(payments, amount)).orderId;
  const quietly = () => new Promise((r) => setTimeout(r, 400)); // room for an effect, were there one

  it('refunds a captured payment in full and announces PaymentRefunded', async () => {
    const orderId = await capturedOrder(3000);
    const commandId = await payments.deliver(RefundPayment, refundCommand(orderId));
    const [, refunded] = await published(orderId, 2);
    const payment = await paymentOf(payments.pool, orderId);
    assert.equal(refunded?.type, 'PaymentRefunded');
    assert.equal(refunded?.causationid, commandId);
    assert.deepEqual(
      { ...refunded?.data, refund_id: undefined },
      { payment_id: payment?.id, order_id: orderId, amount: { amount: 3000, currency: 'USD' }, refund_id: undefined },
    );
    assert.deepEqual([payment?.status, payment?.refunded_amount], ['refunded', 3000]);
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 3000);
    assert.deepEqual(await ledgerOf(payments.pool, payment?.id ?? ''), [
      ['psp_clearing', 3000],
      ['sales', -3000],
      ['refunds', 3000],
      ['psp_clearing', -3000],
    ]);
  });

  it('refunds part of a payment, which stays captured with its refunded amount', async () => {
    const orderId = await capturedOrder(3000);
    await payments.deliver(RefundPayment, refundCommand(orderId, 1200));
    const events = await published(orderId, 2);
    assert.deepEqual(events[1]?.data.amount, { amount: 1200, currency: 'USD' });
    const payment = await paymentOf(payments.pool, orderId);
    assert.deepEqual([payment?.status, payment?.refunded_amount], ['captured', 1200]);
  });

  it('gives back only what is left when asked for more', async () => {
    const orderId = await capturedOrder(1000);
    await payments.deliver(RefundPayment, refundCommand(orderId, 600));
    await published(orderId, 2);
    await payments.deliver(RefundPayment, refundCommand(orderId, 600));
    const events = await published(orderId, 3);
    assert.deepEqual(events[2]?.data.amount, { amount: 400, currency: 'USD' });
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 1000);
  });

  it('refunds once when the command is redelivered or re-sent, answering each re-sent command', async () => {
    const orderId = await capturedOrder();
    const command = refundCommand(orderId);
    const id = await payments.deliver(RefundPayment, command);
    await payments.deliver(RefundPayment, command, id);
    const whileRefunding = await payments.deliver(RefundPayment, command);
    await published(orderId, 3);
    const afterwards = await payments.deliver(RefundPayment, command);
    await quietly();
    const events = await publishedAbout(payments.pool, orderId);
    assert.deepEqual(typesOf(events), [
      'PaymentCompleted',
      'PaymentRefunded',
      'PaymentRefundSkipped',
      'PaymentRefundSkipped',
    ]);
    assert.deepEqual(
      events.slice(1).map((e) => e.causationid),
      [id, whileRefunding, afterwards],
      'one answer per command; the one re-sent while refunding is answered once the refund settled',
    );
    assert.equal(events[2]?.data.reason, 'already_refunded');
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 3000);
  });

  it('refunds nothing for a declined payment, and says so with PaymentRefundSkipped nothing_captured', async () => {
    const command = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    await payments.deliver(ProcessPayment, command);
    await published(command.order_id, 1);
    await payments.deliver(RefundPayment, refundCommand(command.order_id));
    await quietly();
    const events = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(typesOf(events), ['PaymentFailed', 'PaymentRefundSkipped']);
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.deepEqual(events[1]?.data, {
      order_id: command.order_id,
      payment_id: payment?.id,
      reason: 'nothing_captured',
      refunded: { amount: 0, currency: 'USD' },
    });
    const { rowCount } = await payments.pool.query(
      'SELECT 1 FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.order_id = $1',
      [command.order_id],
    );
    assert.equal(rowCount, 0);
  });

  it('remembers a refund that arrives while the charge is in flight and refunds the late capture', async () => {
    const command = processCommand({ payment_method: 'pm_card_slow', amount: { amount: 1800, currency: 'USD' } });
    await payments.deliver(ProcessPayment, command);
    assert.equal((await paymentOf(payments.pool, command.order_id))?.status, 'processing');
    const refundId = await payments.deliver(RefundPayment, refundCommand(command.order_id));
    assert.deepEqual(await publishedAbout(payments.pool, command.order_id), []);

    const events = await published(command.order_id, 2);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefunded']);
    assert.equal(events[1]?.causationid, refundId);
    assert.deepEqual(events[1]?.data.amount, { amount: 1800, currency: 'USD' });
    assert.equal((await paymentOf(payments.pool, command.order_id))?.status, 'refunded');
    assert.equal((await payments.provider.chargesFor(command.order_id))[0]?.amount_refunded, 1800);
  });

  it('drops a refund remembered during the charge when the charge is declined, answering it', async () => {
    await payments.provider.change({ error_rate: 1 });
    const command = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    const deferredOf = async () => {
      const payment = await paymentOf(payments.pool, command.order_id);
      return (await payments.pool.query('SELECT 1 FROM deferred_refunds WHERE payment_id = $1', [payment?.id]))
        .rowCount;
    };
    let refundId: string;
    try {
      await payments.deliver(ProcessPayment, command);
      refundId = await payments.deliver(RefundPayment, refundCommand(command.order_id));
      assert.equal(await deferredOf(), 1, 'remembered while the charge is in flight');
      assert.deepEqual(await publishedAbout(payments.pool, command.order_id), [], 'no answer before the charge ends');
    } finally {
      await payments.provider.change({ error_rate: 0 });
    }
    await published(command.order_id, 2);
    await quietly();
    const events = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(typesOf(events), ['PaymentFailed', 'PaymentRefundSkipped']);
    assert.deepEqual([events[1]?.data.reason, events[1]?.causationid], ['nothing_captured', refundId]);
    assert.equal(await deferredOf(), 0);
  });

  it('marks a refund the provider refuses as failed, announcing nothing and freeing its amount', async () => {
    const orderId = await capturedOrder(2000);
    const [charge] = await payments.provider.chargesFor(orderId);
    await payments.provider.refundBehindTheBack(charge?.id ?? '');
    await payments.deliver(RefundPayment, refundCommand(orderId));
    const payment = await paymentOf(payments.pool, orderId);
    const refundStatus = () =>
      payments.pool
        .query<{ status: string; failure: string }>('SELECT status, failure FROM refunds WHERE payment_id = $1', [
          payment?.id,
        ])
        .then((r) => r.rows[0]);
    const failed = await eventually(async () => {
      const refund = await refundStatus();
      return refund?.status === 'failed' && refund;
    }, 'the refund to fail');
    assert.match(failed.failure, /charge_already_refunded/);
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, orderId)), ['PaymentCompleted']);
    assert.deepEqual(
      [(await paymentOf(payments.pool, orderId))?.status, (await paymentOf(payments.pool, orderId))?.refunded_amount],
      ['captured', 0],
    );
  });

  it('refunds nothing, with a warning and PaymentRefundSkipped, for a refund in another currency', async () => {
    const orderId = await capturedOrder();
    await payments.deliver(RefundPayment, {
      order_id: orderId,
      reason: 'timeout',
      amount: { amount: 100, currency: 'EUR' },
    });
    await quietly();
    const events = await publishedAbout(payments.pool, orderId);
    assert.deepEqual(typesOf(events), ['PaymentCompleted', 'PaymentRefundSkipped']);
    assert.deepEqual(
      [events[1]?.data.reason, events[1]?.data.refunded],
      ['currency_mismatch', { amount: 0, currency: 'USD' }],
    );
    assert.equal((await paymentOf(payments.pool, orderId))?.status, 'captured');
    assert.ok(payments.warnings.some((w) => w.startsWith('RefundPayment ignored')));
  });

  it('keeps a tombstone for a refund of an order never paid, and fails a later ProcessPayment as cancelled', async () => {
    const command = processCommand();
    const refundId = await payments.deliver(RefundPayment, refundCommand(command.order_id));
    const processId = await payments.deliver(ProcessPayment, command);
    const events = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(
      events.map((e) => [e.type, e.data, e.causationid]),
      [
        [
          'PaymentRefundSkipped',
          { order_id: command.order_id, payment_id: null, reason: 'no_payment', refunded: null },
          refundId,
        ],
        ['PaymentFailed', { order_id: command.order_id, reason: 'cancelled' }, processId],
      ],
    );
    await quietly();
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), [], 'the provider was never called');
    assert.equal(await paymentOf(payments.pool, command.order_id), undefined);
  });
});
