// A ProcessPayment redelivered (same message id) or re-sent by a saga retry (new id) charges the order
// once; a re-sent one re-announces the outcome once there is one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment } from '@emporium/contracts';
import { paymentOf, publishedAbout, typesOf } from './support/outcomes.js';
import { eventually, processCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: repeated ProcessPayment', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_duplicates', { slowMs: 600 });
  });
  after(() => payments.close());

  const settled = (orderId: string, count = 1) =>
    eventually(async () => {
      const published = await publishedAbout(payments.pool, orderId);
      return published.length >= count && published;
    }, `${count} outcome(s) of order ${orderId}`);
  const paymentRows = async (orderId: string) =>
    (await payments.pool.query('SELECT id FROM payments WHERE order_id = $1', [orderId])).rowCount;

  it('has no second effect when the same message is delivered twice', async () => {
    const command = processCommand();
    const id = await payments.deliver(ProcessPayment, command);
    await payments.deliver(ProcessPayment, command, id);
    await settled(command.order_id);
    await new Promise((r) => setTimeout(r, 300)); // room for a second job, were there one
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentCompleted']);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
    assert.equal(await paymentRows(command.order_id), 1);
  });

  it('re-announces PaymentCompleted to a re-sent command without charging again', async () => {
    const command = processCommand();
    await payments.deliver(ProcessPayment, command);
    const [first] = await settled(command.order_id);
    const retryId = await payments.deliver(ProcessPayment, command);
    const published = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(typesOf(published), ['PaymentCompleted', 'PaymentCompleted']);
    assert.deepEqual(published[1]?.data, first?.data);
    assert.equal(published[1]?.causationid, retryId, 'the answer names the command it answers');
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
  });

  it('re-announces PaymentFailed with the first reason to a re-sent command', async () => {
    const command = processCommand({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
    await payments.deliver(ProcessPayment, command);
    await settled(command.order_id);
    await payments.deliver(ProcessPayment, { ...command, payment_method: 'pm_card_visa' });
    const published = await publishedAbout(payments.pool, command.order_id);
    assert.deepEqual(
      published.map((p) => [p.type, p.data.reason]),
      [
        ['PaymentFailed', 'insufficient_funds'],
        ['PaymentFailed', 'insufficient_funds'],
      ],
    );
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), [], 'a retry does not try another card');
  });

  it('announces nothing extra to a command re-sent while the charge is in flight', async () => {
    const command = processCommand({ payment_method: 'pm_card_slow' });
    await payments.deliver(ProcessPayment, command);
    await payments.deliver(ProcessPayment, command);
    assert.equal((await paymentOf(payments.pool, command.order_id))?.status, 'processing');
    await settled(command.order_id);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(typesOf(await publishedAbout(payments.pool, command.order_id)), ['PaymentCompleted']);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
  });

  it('makes one payment when re-sent commands arrive at the same time', async () => {
    const command = processCommand();
    await Promise.all(Array.from({ length: 4 }, () => payments.deliver(ProcessPayment, command)));
    await settled(command.order_id);
    assert.equal(await paymentRows(command.order_id), 1);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
    await new Promise((r) => setTimeout(r, 300));
    // A command that lands after the charge settled re-announces it (how quickly the charge settles
    // decides how many do), so the invariant is one payment, announced alike every time.
    const published = await publishedAbout(payments.pool, command.order_id);
    assert.ok(published.length >= 1);
    assert.deepEqual([...new Set(typesOf(published))], ['PaymentCompleted']);
    assert.equal(
      new Set(published.map((p) => JSON.stringify(p.data))).size,
      1,
      'every announcement is the same payment',
    );
  });
});
