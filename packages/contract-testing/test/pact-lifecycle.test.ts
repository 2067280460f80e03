// A pact's life without a broker: a consumer test writes it, the same test fails once it would write
// something else (the committed pact went stale), and a provider's verification passes or fails on
// what the provider really publishes, recording the result either way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createEnvelope, ProductDiscontinued } from '@emporium/contracts';
import { consumerPact } from '../src/consumer-pact.js';
import { expectMessage } from '../src/message-consumer.js';
import { EXAMPLE, exampleOf } from '../src/message-examples.js';
import { pactsOf, verifyPact } from '../src/provider-verification.js';
import { readVerification } from '../src/verification-results.js';

const dir = mkdtempSync(join(tmpdir(), 'emporium-pact-lifecycle-'));
const pactsDir = join(dir, 'pacts');
const resultsDir = join(dir, 'results');

async function recordDiscontinued(options: { write: boolean }, sku = 'MUG-ENAMEL-01') {
  const { pact, settle } = consumerPact('lifecycle-consumer', 'lifecycle-provider', { pactsDir, ...options });
  await expectMessage(pact, exampleOf(ProductDiscontinued, { data: { sku } }), async (event) => {
    assert.equal(event.data.product_id, EXAMPLE.product);
  });
  await settle();
}

const discontinued = (data: { product_id: string; sku: string }) => async () => [
  createEnvelope(
    ProductDiscontinued,
    { ...data, discontinued_at: new Date().toISOString() },
    {
      source: '/emporium/catalog',
      subject: data.product_id,
    },
  ),
];

describe('contract-testing: a pact from consumer to provider', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the pact, and accepts a run that records the same', async () => {
    await recordDiscontinued({ write: true });
    await recordDiscontinued({ write: false });
  });

  it('fails when the consumer now expects something else', async () => {
    await assert.rejects(recordDiscontinued({ write: false }, 'ANOTHER-SKU'), /is stale/);
  });

  it('verifies a provider that publishes the expected message, and records it', async () => {
    const [{ path, pact }] = pactsOf('lifecycle-provider', pactsDir) as [{ path: string; pact: never }];
    await verifyPact(path, pact, {
      provider: 'lifecycle-provider',
      resultsDir,
      publishes: { 'an admin discontinues a product': discontinued({ product_id: crypto.randomUUID(), sku: 'X-1' }) },
    });
    assert.equal(readVerification('lifecycle-consumer', 'lifecycle-provider', resultsDir)?.success, true);
  });

  it('fails a provider whose message breaks the pact, and records that', async () => {
    const [{ path, pact }] = pactsOf('lifecycle-provider', pactsDir) as [{ path: string; pact: never }];
    const wrong = async () => {
      const [envelope] = await discontinued({ product_id: crypto.randomUUID(), sku: 'X-1' })();
      return [{ ...envelope, data: { ...(envelope?.data as object), sku: 42 } }] as never;
    };
    await assert.rejects(
      verifyPact(path, pact, {
        provider: 'lifecycle-provider',
        resultsDir,
        publishes: { 'an admin discontinues a product': wrong },
      }),
    );
    const result = readVerification('lifecycle-consumer', 'lifecycle-provider', resultsDir);
    assert.equal(result?.success, false);
    assert.match(String(result?.failures[0]), /ProductDiscontinued/);
  });

  it('fails a provider that cannot set up a provider state', async () => {
    const [{ path, pact }] = pactsOf('lifecycle-provider', pactsDir) as [{ path: string; pact: never }];
    await assert.rejects(verifyPact(path, pact, { provider: 'lifecycle-provider', resultsDir }), /cannot set up/);
  });
});
