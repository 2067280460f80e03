// Faults around the provider call: a crash between the provider's answer and the commit, a provider
// outage that ends, one that does not, and a charge slower than the timeout. None charges twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment } from '@emporium/contracts';
import { chargeJobOf, ledgerOf, paymentOf, publishedAbout, typesOf } from './support/outcomes.js';
import { eventually, processCommand, startTestPayments, type TestPayments } from './support/payments.js';

describe('payments: faults around the provider call', () => {
  let payments: TestPayments;
  before(async () => {
    // Two attempts: the first retry comes after graphile-worker's first backoff (e^1 ≈ 2.7 s).
    payments = await startTestPayments('payments_faults', { chargeAttempts: 2, providerTimeoutMs: 700, slowMs: 300 });
  });
  after(() => payments.close());

  const outcome = (orderId: string) =>
    eventually(
      async () => {
        const published = await publishedAbout(payments.pool, orderId);
        return published.length > 0 && published;
      },
      `the outcome of order ${orderId}`,
      20_000,
    );
  const firstAttemptFailed = (orderId: string) =>
    eventually(async () => {
      const payment = await paymentOf(payments.pool, orderId);
      const job = payment && (await chargeJobOf(payments.pool, payment.id));
      return job?.last_error ? job : undefined;
    }, `the first charge attempt of ${orderId} to fail`);

  it('charges once when the job crashes after the provider answered, and commits on the retry', async () => {
    const command = processCommand();
    payments.loseNextAnswer(`charge-${command.order_id}`);
    await payments.deliver(ProcessPayment, command);
    const job = await firstAttemptFailed(command.order_id);
    assert.match(job.last_error ?? '', /simulated crash/);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1, 'the provider did charge');
    assert.equal((await paymentOf(payments.pool, command.order_id))?.status, 'processing');

    assert.deepEqual(typesOf(await outcome(command.order_id)), ['PaymentCompleted']);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
  });

  it('charges once when the outcome commit fails after the provider answered, leaving nothing half-done', async () => {
    const command = processCommand();
    await failFirstCaptureCommitOf(payments, command.order_id);
    await payments.deliver(ProcessPayment, command);
    const job = await firstAttemptFailed(command.order_id);
    assert.match(job.last_error ?? '', /simulated commit failure/);
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.equal(payment?.status, 'processing');
    assert.deepEqual(await ledgerOf(payments.pool, payment?.id ?? ''), [], 'the failed commit booked nothing');
    assert.deepEqual(await publishedAbout(payments.pool, command.order_id), [], 'and announced nothing');

    assert.deepEqual(typesOf(await outcome(command.order_id)), ['PaymentCompleted']);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
    assert.equal((await ledgerOf(payments.pool, payment?.id ?? '')).length, 2);
  });

  it('retries a charge the provider answered 503 and completes it once the provider recovers', async () => {
    const command = processCommand();
    await payments.provider.change({ error_rate: 1 });
    try {
      await payments.deliver(ProcessPayment, command);
      const job = await firstAttemptFailed(command.order_id);
      assert.match(job.last_error ?? '', /provider unavailable: HTTP 503/);
    } finally {
      await payments.provider.change({ error_rate: 0 });
    }
    assert.deepEqual(typesOf(await outcome(command.order_id)), ['PaymentCompleted']);
    assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
  });

  it('fails the payment with provider_unavailable once the last attempt finds the provider down', async () => {
    const command = processCommand();
    await payments.provider.change({ error_rate: 1 });
    try {
      await payments.deliver(ProcessPayment, command);
      const published = await outcome(command.order_id);
      assert.deepEqual(
        published.map((p) => [p.type, p.data.reason]),
        [['PaymentFailed', 'provider_unavailable']],
      );
    } finally {
      await payments.provider.change({ error_rate: 0 });
    }
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.deepEqual([payment?.status, payment?.failure_reason], ['declined', 'provider_unavailable']);
    // The job's outcome is recorded just after the task returns.
    await eventually(
      async () => (await chargeJobOf(payments.pool, payment?.id ?? '')) === undefined,
      'the charge job to be done',
    );
  });

  it('charges once when a slow charge outlasts the timeout: the retry gets the same charge', async () => {
    await payments.provider.change({ slow_ms: 1500 });
    try {
      const command = processCommand({ payment_method: 'pm_card_slow' });
      await payments.deliver(ProcessPayment, command);
      const job = await firstAttemptFailed(command.order_id);
      assert.match(job.last_error ?? '', /provider unavailable/);
      assert.deepEqual(typesOf(await outcome(command.order_id)), ['PaymentCompleted']);
      assert.equal((await payments.provider.chargesFor(command.order_id)).length, 1);
    } finally {
      await payments.provider.change({ slow_ms: 300 });
    }
  });
});

/**
 * Makes the first commit of this order's capture fail, after the provider has charged and after the
 * ledger and outbox rows are written: a deferred trigger on the payment's update to captured raises at
 * COMMIT, once (a sequence counts, and survives the rollback).
 */
async function failFirstCaptureCommitOf(payments: TestPayments, orderId: string): Promise<void> {
  const sequence = `fail_capture_${orderId.replaceAll('-', '_')}`;
  await payments.pool.query(`CREATE SEQUENCE ${sequence}`);
  await payments.pool.query(`
    CREATE OR REPLACE FUNCTION ${sequence}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.order_id = '${orderId}' AND NEW.status = 'captured' AND nextval('${sequence}') = 1 THEN
        RAISE EXCEPTION 'simulated commit failure';
      END IF;
      RETURN NULL;
    END $$`);
  await payments.pool.query(
    `CREATE CONSTRAINT TRIGGER ${sequence} AFTER UPDATE ON payments DEFERRABLE INITIALLY DEFERRED
     FOR EACH ROW EXECUTE FUNCTION ${sequence}()`,
  );
}
