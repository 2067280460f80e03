// ProcessPayment with each test card: the outcome event, the payment's state, the provider's charge,
// and the capture's ledger entries.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment } from '@emporium/contracts';
import { ledgerOf, paymentOf, publishedAbout, typesOf } from './support/outcomes.js';
import { eventually, processCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: charging an order', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_charging', { slowMs: 300 });
  });
  after(() => payments.close());

  const outcomeOf = (orderId: string) =>
    eventually(async () => {
      const published = await publishedAbout(payments.pool, orderId);
      return published.length > 0 && published;
    }, `the outcome of order ${orderId}`);

  for (const card of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_slow']) {
    it(`captures a payment by ${card} and announces PaymentCompleted`, async () => {
      const command = processCommand({ payment_method: card, amount: { amount: 4999, currency: 'USD' } });
      const commandId = await payments.deliver(ProcessPayment, command);
      const [completed] = await outcomeOf(command.order_id);
      const payment = await paymentOf(payments.pool, command.order_id);
      assert.ok(payment);
      assert.deepEqual(completed, {
        type: 'PaymentCompleted',
        data: { payment_id: payment.id, order_id: command.order_id, amount: { amount: 4999, currency: 'USD' } },
        causationid: commandId,
      });
      assert.equal(payment.status, 'captured');
      assert.deepEqual(
        (await payments.provider.chargesFor(command.order_id)).map((c) => c.amount),
        [4999],
      );
      assert.deepEqual(await ledgerOf(payments.pool, payment.id), [
        ['psp_clearing', 4999],
        ['sales', -4999],
      ]);
    });
  }

  const declines = [
    ['pm_card_chargeDeclined', 'payment_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_doesNotExist', 'invalid_payment_method'],
  ] as const;
  for (const [card, reason] of declines) {
    it(`fails a payment by ${card} with PaymentFailed ${reason}, with nothing charged or booked`, async () => {
      const command = processCommand({ payment_method: card });
      await payments.deliver(ProcessPayment, command);
      const published = await outcomeOf(command.order_id);
      assert.deepEqual(
        published.map((p) => [p.type, p.data]),
        [['PaymentFailed', { order_id: command.order_id, reason }]],
      );
      const payment = await paymentOf(payments.pool, command.order_id);
      assert.deepEqual([payment?.status, payment?.failure_reason], ['declined', reason]);
      assert.deepEqual(await payments.provider.chargesFor(command.order_id), []);
      assert.deepEqual(await ledgerOf(payments.pool, payment?.id ?? ''), []);
    });
  }

  it('fails a payment the provider refuses as malformed with provider_rejected, without retrying', async () => {
    const command = processCommand({ amount: { amount: 100_000_000, currency: 'USD' } }); // past the provider's limit
    await payments.deliver(ProcessPayment, command);
    const published = await outcomeOf(command.order_id);
    assert.deepEqual(
      published.map((p) => [p.type, p.data.reason]),
      [['PaymentFailed', 'provider_rejected']],
    );
  });

  it('records the intent as processing before the provider answers', async () => {
    await payments.provider.change({ slow_ms: 800 });
    try {
      const command = processCommand({ payment_method: 'pm_card_slow' });
      await payments.deliver(ProcessPayment, command);
      assert.equal((await paymentOf(payments.pool, command.order_id))?.status, 'processing');
      assert.deepEqual(await publishedAbout(payments.pool, command.order_id), []);
      await outcomeOf(command.order_id);
    } finally {
      await payments.provider.change({ slow_ms: 300 });
    }
  });

  it('fails a payment in a currency the shop does not sell in without calling the provider', async () => {
    const command = processCommand({ amount: { amount: 1000, currency: 'EUR' } });
    await payments.deliver(ProcessPayment, command);
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentFailed']);
    assert.equal((await publishedAbout(payments.pool, command.order_id))[0]?.data.reason, 'unsupported_currency');
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), []);
  });

  it('completes an order of nothing to pay without calling the provider or booking anything', async () => {
    const command = processCommand({ amount: { amount: 0, currency: 'USD' } });
    await payments.deliver(ProcessPayment, command);
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentCompleted']);
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.equal(payment?.status, 'captured');
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), []);
    assert.deepEqual(await ledgerOf(payments.pool, payment?.id ?? ''), []);
  });
});
