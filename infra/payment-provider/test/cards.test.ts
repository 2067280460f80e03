// The test-card table: which payment methods are charged, declined (and why), or refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  api,
  type Charge,
  chargeBody,
  type ProviderError,
  startTestProvider,
  type TestProvider,
} from './support/provider.js';

describe('payment provider: test cards', () => {
  let provider: TestProvider;
  let call: ReturnType<typeof api>;
  before(async () => {
    provider = await startTestProvider({ slow_ms: 300 });
    call = api(provider.app);
  });
  after(() => provider.close());

  for (const card of ['pm_card_visa', 'pm_card_mastercard']) {
    it(`charges ${card} and answers with the charge`, async () => {
      const body = chargeBody({ payment_method: card, amount: 4200 });
      const res = await call.charge(body);
      assert.equal(res.statusCode, 201);
      const charge = res.json<Charge>();
      assert.match(charge.id, /^ch_[0-9a-f]{32}$/);
      assert.deepEqual(
        { status: charge.status, amount: charge.amount, reference: charge.reference },
        { status: 'succeeded', amount: 4200, reference: body.reference },
      );
      assert.deepEqual(
        (await call.chargesFor(body.reference)).map((c) => c.id),
        [charge.id],
      );
    });
  }

  it('charges pm_card_slow only after the slow delay', async () => {
    const started = Date.now();
    const res = await call.charge(chargeBody({ payment_method: 'pm_card_slow' }));
    assert.equal(res.statusCode, 201);
    assert.ok(Date.now() - started >= 290, `answered after ${Date.now() - started} ms`);
  });

  const declines = [
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ] as const;
  for (const [card, declineCode] of declines) {
    it(`declines ${card} with 402 ${declineCode} and charges nothing`, async () => {
      const body = chargeBody({ payment_method: card });
      const res = await call.charge(body);
      assert.equal(res.statusCode, 402);
      assert.deepEqual(
        { code: res.json<ProviderError>().error.code, decline_code: res.json<ProviderError>().error.decline_code },
        { code: 'card_declined', decline_code: declineCode },
      );
      assert.deepEqual(await call.chargesFor(body.reference), []);
    });
  }

  it('refuses an unknown payment method with 400 invalid_payment_method', async () => {
    const body = chargeBody({ payment_method: 'pm_card_unknown' });
    const res = await call.charge(body);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<ProviderError>().error.code, 'invalid_payment_method');
    assert.deepEqual(await call.chargesFor(body.reference), []);
  });

  it('does not take a payment method name from the object prototype for a card', async () => {
    const res = await call.charge(chargeBody({ payment_method: 'constructor' }));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<ProviderError>().error.code, 'invalid_payment_method');
  });

  it('lists nothing for a reference never charged', async () => {
    assert.deepEqual(await call.chargesFor('order-never-seen'), []);
  });
});
