// Idempotency keys: a retry gets the first answer and moves no more money, whatever it was; a key
// reused for another request is refused; a duplicate that arrives mid-request waits for the first.
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

describe('payment provider: idempotency keys', () => {
  let provider: TestProvider;
  let call: ReturnType<typeof api>;
  before(async () => {
    provider = await startTestProvider({ slow_ms: 400 });
    call = api(provider.app);
  });
  after(() => provider.close());

  it('replays the first charge for the same key and body, and charges once', async () => {
    const body = chargeBody();
    const key = newKey();
    const first = await call.charge(body, key);
    const again = await call.charge(
      { reference: body.reference, payment_method: body.payment_method, amount: body.amount, currency: body.currency },
      key,
    );
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    assert.equal(first.headers['idempotent-replayed'], 'false');
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal((await call.chargesFor(body.reference)).length, 1);
  });

  it('answers 409 when the key was used for another body, and charges nothing more', async () => {
    const body = chargeBody();
    const key = newKey();
    await call.charge(body, key);
    const other = await call.charge({ ...body, amount: body.amount + 1 }, key);
    assert.equal(other.statusCode, 409);
    assert.equal(other.json<ProviderError>().error.code, 'idempotency_key_reused');
    assert.equal((await call.chargesFor(body.reference)).length, 1);
  });

  it('answers 409 when a charge key is reused for a refund', async () => {
    const key = newKey();
    const charge = (await call.charge(chargeBody(), key)).json<Charge>();
    const res = await call.refund({ charge: charge.id }, key);
    assert.equal(res.statusCode, 409);
    assert.equal((await call.getCharge(charge.id)).json<Charge>().amount_refunded, 0);
  });

  it('replays a decline as a decline', async () => {
    const body = chargeBody({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
    const key = newKey();
    const first = await call.charge(body, key);
    const again = await call.charge(body, key);
    assert.equal(again.statusCode, 402);
    assert.deepEqual(again.json(), first.json());
  });

  it('makes a concurrent duplicate wait for the first request and get its charge', async () => {
    const body = chargeBody({ payment_method: 'pm_card_slow' });
    const key = newKey();
    const [first, duplicate] = await Promise.all([call.charge(body, key), call.charge(body, key)]);
    assert.deepEqual([first.statusCode, duplicate.statusCode], [201, 201]);
    assert.equal(duplicate.json<Charge>().id, first.json<Charge>().id);
    assert.equal((await call.chargesFor(body.reference)).length, 1);
  });

  it('refuses a concurrent duplicate with another body once the first is done', async () => {
    const body = chargeBody({ payment_method: 'pm_card_slow' });
    const key = newKey();
    const [first, other] = await Promise.all([call.charge(body, key), call.charge({ ...body, amount: 1 }, key)]);
    assert.deepEqual([first.statusCode, other.statusCode], [201, 409]);
  });

  it('requires an Idempotency-Key on charges and refunds', async () => {
    for (const res of [await call.charge(chargeBody(), null), await call.refund({ charge: 'ch_x' }, null)]) {
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
  });

  it('replays a refund for the same key and refunds once', async () => {
    const charge = (await call.charge(chargeBody({ amount: 1000 }))).json<Charge>();
    const key = newKey();
    const first = await call.refund({ charge: charge.id, amount: 300 }, key);
    const again = await call.refund({ charge: charge.id, amount: 300 }, key);
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    assert.equal((await call.getCharge(charge.id)).json<Charge>().amount_refunded, 300);
  });
});
