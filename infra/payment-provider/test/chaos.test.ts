// Misbehaving on purpose: live settings for latency, outages and the slow card, and bad input
// refused as 400 rather than crashing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  api,
  type Charge,
  chargeBody,
  newKey,
  type ProviderError,
  startTestProvider,
  type TestProvider,
} from './support/provider.js';

describe('payment provider: chaos settings and bad input', () => {
  let provider: TestProvider;
  let call: ReturnType<typeof api>;
  before(async () => {
    provider = await startTestProvider();
    call = api(provider.app);
  });
  after(() => provider.close());

  it('answers every charge and refund 503 at error rate 1, without charging, and recovers at 0', async () => {
    const charge = (await call.charge(chargeBody())).json<Charge>();
    await call.changeSettings({ error_rate: 1 });
    const body = chargeBody();
    const key = newKey();
    const failed = await call.charge(body, key);
    const refund = await call.refund({ charge: charge.id });
    assert.deepEqual([failed.statusCode, refund.statusCode], [503, 503]);
    assert.equal(failed.json<ProviderError>().error.code, 'service_unavailable');
    assert.deepEqual(await call.chargesFor(body.reference), [], 'reads still answer during an outage');
    assert.equal((await call.getCharge(charge.id)).json<Charge>().amount_refunded, 0);

    await call.changeSettings({ error_rate: 0 });
    const retried = await call.charge(body, key);
    assert.equal(retried.statusCode, 201, 'an outage stores nothing under the key: the retry runs');
    assert.equal(retried.headers['idempotent-replayed'], 'false');
    assert.equal((await call.chargesFor(body.reference)).length, 1);
  });

  it('reports and changes its settings live, leaving unnamed ones as they were', async () => {
    const before = (await call.settings()).json();
    assert.deepEqual(before, { latency_ms: 0, error_rate: 0, slow_ms: 5000 });
    const changed = await call.changeSettings({ latency_ms: 120 });
    assert.deepEqual(changed.json(), { latency_ms: 120, error_rate: 0, slow_ms: 5000 });
    const started = Date.now();
    await call.charge(chargeBody());
    assert.ok(Date.now() - started >= 110, `a charge took ${Date.now() - started} ms`);
    await call.changeSettings({ latency_ms: 0 });
  });

  it('refuses settings out of range or unknown with 400', async () => {
    for (const payload of [
      { error_rate: 1.5 },
      { error_rate: -0.1 },
      { latency_ms: -1 },
      { slow_ms: 'fast' },
      { jitter: 3 },
    ]) {
      const res = await call.changeSettings(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.equal((await call.settings()).json<{ error_rate: number }>().error_rate, 0);
  });

  it('refuses malformed charges with a 400 problem naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ ...chargeBody(), amount: 0 }, 'body/amount'],
      [{ ...chargeBody(), amount: 12.5 }, 'body/amount'],
      [{ ...chargeBody(), amount: '1299' }, 'body/amount'],
      [{ ...chargeBody(), currency: 'dollars' }, 'body/currency'],
      [{ ...chargeBody(), reference: '' }, 'body/reference'],
      [{ amount: 100, currency: 'USD', reference: 'r' }, 'body/payment_method'],
      [{ ...chargeBody(), capture: false }, 'body'],
    ];
    for (const [payload, path] of cases) {
      const res = await call.charge(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      const paths = res.json<{ errors?: Array<{ path: string }> }>().errors?.map((e) => e.path) ?? [];
      assert.ok(
        paths.some((p) => p.startsWith(path)),
        `${JSON.stringify(payload)} named ${paths.join(', ')}`,
      );
    }
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await provider.app.inject({
      method: 'POST',
      url: '/v1/charges',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      payload: '{"amount":',
    });
    assert.equal(res.statusCode, 400);
  });
});
