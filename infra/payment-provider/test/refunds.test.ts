// Refunds: partial ones add up, none goes past what the charge took, and a charge shows its refunds.
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

describe('payment provider: refunds', () => {
  let provider: TestProvider;
  let call: ReturnType<typeof api>;
  const newCharge = async (amount: number) => (await call.charge(chargeBody({ amount }))).json<Charge>();
  before(async () => {
    provider = await startTestProvider();
    call = api(provider.app);
  });
  after(() => provider.close());

  it('refunds in parts up to the charged amount and shows each refund on the charge', async () => {
    const charge = await newCharge(1000);
    const first = await call.refund({ charge: charge.id, amount: 250 });
    const second = await call.refund({ charge: charge.id, amount: 750 });
    assert.deepEqual([first.statusCode, second.statusCode], [201, 201]);
    assert.match(first.json<{ id: string }>().id, /^re_/);
    const after = (await call.getCharge(charge.id)).json<Charge>();
    assert.equal(after.amount_refunded, 1000);
    assert.equal(after.refunded, true);
    assert.deepEqual(
      after.refunds?.map((r) => r.amount),
      [250, 750],
    );
  });

  it('refunds what is left when no amount is given', async () => {
    const charge = await newCharge(1000);
    await call.refund({ charge: charge.id, amount: 400 });
    const rest = await call.refund({ charge: charge.id });
    assert.equal(rest.statusCode, 201);
    assert.equal(rest.json<{ amount: number }>().amount, 600);
  });

  it('refuses a refund larger than what is left with 400 amount_too_large', async () => {
    const charge = await newCharge(1000);
    await call.refund({ charge: charge.id, amount: 600 });
    const over = await call.refund({ charge: charge.id, amount: 401 });
    assert.equal(over.statusCode, 400);
    assert.equal(over.json<ProviderError>().error.code, 'amount_too_large');
    assert.equal((await call.getCharge(charge.id)).json<Charge>().amount_refunded, 600);
  });

  it('refuses any refund of a fully refunded charge', async () => {
    const charge = await newCharge(500);
    await call.refund({ charge: charge.id });
    const again = await call.refund({ charge: charge.id, amount: 1 });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json<ProviderError>().error.code, 'charge_already_refunded');
  });

  it('gives back no more than the charge took when refunds race', async () => {
    const charge = await newCharge(1000);
    const results = await Promise.all(Array.from({ length: 5 }, () => call.refund({ charge: charge.id, amount: 300 })));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 3);
    assert.equal((await call.getCharge(charge.id)).json<Charge>().amount_refunded, 900);
  });

  it('answers 404 resource_missing for a refund or a read of an unknown charge', async () => {
    const refund = await call.refund({ charge: 'ch_unknown', amount: 1 });
    assert.equal(refund.statusCode, 404);
    assert.equal(refund.json<ProviderError>().error.code, 'resource_missing');
    const read = await call.getCharge('ch_unknown');
    assert.equal(read.statusCode, 404);
    assert.equal(read.json<ProviderError>().error.code, 'resource_missing');
  });

  it('refuses a refund of zero or a negative amount as bad input', async () => {
    const charge = await newCharge(1000);
    for (const amount of [0, -5, 1.5, '100']) {
      const res = await call.refund({ charge: charge.id, amount });
      assert.equal(res.statusCode, 400, `amount ${amount}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
  });
});
