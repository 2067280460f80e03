// Reconciliation with the provider: a charge whose answer never arrived fails the payment
// `provider_unavailable`; if the provider charged after all, the money is found and given back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment } from '@emporium/contracts';
import { paymentOf, publishedAbout } from './support/outcomes.js';
import { eventually, processCommand, startTestPayments, type TestPayments } from './support/payments.js';

interface StrayChargeJson {
  provider_charge_id: string;
  payment_id: string;
  amount: { amount: number; currency: string };
  status: string;
  provider_refund_id: string | null;
}

describe('payments: reconciliation of charges whose answer was lost', () => {
  let payments: TestPayments;
  before(async () => {
    // One attempt that times out before the slow card is charged, and a reconciliation soon after.
    payments = await startTestPayments('payments_reconcile', {
      chargeAttempts: 1,
      providerTimeoutMs: 300,
      slowMs: 900,
      reconcileAfterMs: 1500,
    });
  });
  after(() => payments.close());

  const failedOutcome = (orderId: string) =>
    eventually(async () => {
      const published = await publishedAbout(payments.pool, orderId);
      return published.length > 0 && published;
    }, `the outcome of ${orderId}`);
  const strayCharges = async (): Promise<StrayChargeJson[]> => {
    const res = await payments.app.inject({ method: 'GET', url: '/v1/stray-charges', headers: payments.admin });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ items: StrayChargeJson[] }>().items;
  };
  const reconcileJobs = async (paymentId: string) =>
    (await payments.pool.query('SELECT 1 FROM graphile_worker.jobs WHERE key = $1', [`reconcile:${paymentId}`]))
      .rowCount;

  it('refunds a charge the provider made after the payment failed provider_unavailable', async () => {
    const command = processCommand({ payment_method: 'pm_card_slow', amount: { amount: 4200, currency: 'USD' } });
    await payments.deliver(ProcessPayment, command);
    const published = await failedOutcome(command.order_id);
    assert.deepEqual(
      published.map((p) => [p.type, p.data.reason]),
      [['PaymentFailed', 'provider_unavailable']],
    );
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.equal(payment?.status, 'declined');

    const found = await eventually(async () => {
      const mine = (await strayCharges()).filter((s) => s.payment_id === payment?.id);
      return mine.length > 0 && mine;
    }, 'the late charge to be found');
    const charges = await payments.provider.chargesFor(command.order_id);
    assert.equal(charges.length, 1, 'one charge, made after the payment had failed');
    assert.equal(charges[0]?.amount_refunded, 4200, 'and refunded in full');
    const charge = charges[0];
    assert.equal(found.length, 1);
    assert.equal(found[0]?.provider_charge_id, charge?.id);
    assert.equal(found[0]?.status, 'refunded');
    assert.deepEqual(found[0]?.amount, { amount: 4200, currency: 'USD' });
    assert.ok(found[0]?.provider_refund_id);
    await eventually(async () => (await reconcileJobs(payment?.id ?? '')) === 0, 'the reconciliation job to be done');
  });

  it('finds nothing to give back when the provider never charged', async () => {
    await payments.provider.change({ error_rate: 1 });
    const command = processCommand();
    try {
      await payments.deliver(ProcessPayment, command);
      await failedOutcome(command.order_id);
    } finally {
      await payments.provider.change({ error_rate: 0 });
    }
    const payment = await paymentOf(payments.pool, command.order_id);
    assert.equal(payment?.failure_reason, 'provider_unavailable');
    await eventually(async () => (await reconcileJobs(payment?.id ?? '')) === 0, 'the reconciliation to run');
    assert.deepEqual(await payments.provider.chargesFor(command.order_id), []);
    assert.deepEqual(
      (await strayCharges()).filter((s) => s.payment_id === payment?.id),
      [],
    );
  });

  it('lists stray charges for admins only', async () => {
    const anonymous = await payments.app.inject({ method: 'GET', url: '/v1/stray-charges' });
    assert.equal(anonymous.statusCode, 401);
    const customer = await payments.app.inject({
      method: 'GET',
      url: '/v1/stray-charges',
      headers: payments.customer,
    });
    assert.equal(customer.statusCode, 403);
    const bad = await payments.app.inject({ method: 'GET', url: '/v1/stray-charges?limit=0', headers: payments.admin });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
  });
});
