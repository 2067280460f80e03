// RefundPayment, the saga's compensation: in full or in part, once per command, and right in the edge
// cases the saga relies on (a refund before the capture, a refund of an order never paid, a refund of
// nothing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment, RefundPayment } from '@emporium/contracts';
import { ledgerOf, paymentOf, publishedAbout, typesOf } from './support/outcomes.js';
import { eventually, processCommand, refundCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: RefundPayment', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_refunds', { slowMs: 700 });
  });
  after(() => payments.close());

  const published = (orderId: string, count: number) =>
    eventually(async () => {
      const events = await publishedAbout(payments.pool, orderId);
      return events.length >= count && events;
    }, `${count} event(s) about order ${orderId}`);
  /** A captured payment of `amount` for a new order. */
  const capturedOrder = async (amount = 3000) => {
    const command = processCommand({ amount: { amount, currency: 'USD' } });
    await payments.deliver(ProcessPayment, command);
    await published(command.order_id, 1);
    return command.order_id;
  };
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

  it('refunds once when the command is redelivered or re-sent', async () => {
    const orderId = await capturedOrder();
    const command = refundCommand(orderId);
    const id = await payments.deliver(RefundPayment, command);
    await payments.deliver(RefundPayment, command, id);
    await payments.deliver(RefundPayment, command);
    await published(orderId, 2);
    await payments.deliver(RefundPayment, command);
    await quietly();
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, orderId)), ['PaymentCompleted', 'PaymentRefunded']);
    assert.equal((await payments.provider.chargesFor(orderId))[0]?.amount_refunded, 3000);
  });

  it('does nothing and announces nothing for a refund of a declined payment', async () => {
    const command = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    await payments.deliver(ProcessPayment, command);
    await published(command.order_id, 1);
    await payments.deliver(RefundPayment, refundCommand(command.order_id));
    await quietly();
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentFailed']);
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

  it('drops a refund remembered during the charge when the charge is declined', async () => {
    await payments.provider.change({ error_rate: 1 });
    const command = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    const deferredOf = async () => {
      const payment = await paymentOf(payments.pool, command.order_id);
      return (await payments.pool.query('SELECT 1 FROM deferred_refunds WHERE payment_id = $1', [payment?.id]))
        .rowCount;
    };
    try {
      await payments.deliver(ProcessPayment, command);
      await payments.deliver(RefundPayment, refundCommand(command.order_id));
      assert.equal(await deferredOf(), 1, 'remembered while the charge is in flight');
    } finally {
      await payments.provider.change({ error_rate: 0 });
    }
    await published(command.order_id, 1);
    await quietly();
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentFailed']);
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

  it('ignores, with a warning, a refund in another currency than the payment', async () => {
    const orderId = await capturedOrder();
    await payments.deliver(RefundPayment, {
      order_id: orderId,
      reason: 'timeout',
      amount: { amount: 100, currency: 'EUR' },
    });
    await quietly();
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, orderId)), ['PaymentCompleted']);
    assert.ok(payments.warnings.some((w) => w.startsWith('RefundPayment ignored')));
  });

  it('keeps a tombstone for a refund of an order never paid, and fails a later ProcessPayment as cancelled', async () => {
    const command = processCommand();
    await payments.deliver(RefundPayment, refundCommand(command.order_id));
    assert.deepEqual(await publishedAbout(payments.pool, command.order_id), [], 'nothing to refund, nothing said');
    const processId = await payments.deliver(ProcessPayment, command);
    const events = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(
      events.map((e) => [e.type, e.data, e.causationid]),
      [['PaymentFailed', { order_id: command.order_id, reason: 'cancelled' }, processId]],
    );
    await quietly();
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), [], 'the provider was never called');
    assert.equal(await paymentOf(payments.pool, command.order_id), undefined);
  });
});
