import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRoutePolicy } from '../src/route-policy.js';
import type { Upstream } from '../src/upstreams.js';

const shop: Upstream = { name: 'shop', url: 'http://127.0.0.1:1' };
const protectedOrders = { paths: { '/v1/orders': { get: { security: [{ bearerAuth: [] }] } } } };
const publicOrders = { paths: { '/v1/orders': { get: {} } } };

/** A policy over a scripted document source and a clock the test moves. */
function policyWith(documents: Array<unknown | Error>) {
  const clock = { now: 1_000 };
  let fetches = 0;
  let release: () => void = () => {};
  const gate = { held: false };
  const warnings: unknown[] = [];
  const policy = createRoutePolicy({
    log: { warn: (fields: unknown) => warnings.push(fields) },
    ttlMs: 30_000,
    retryAfterMs: 5_000,
    now: () => clock.now,
    fetchDocument: async () => {
      const next = documents[Math.min(fetches, documents.length - 1)];
      fetches += 1;
      if (gate.held) await new Promise<void>((resolve) => (release = resolve));
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { policy, clock, gate, warnings, fetches: () => fetches, release: () => release() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('route policy', () => {
  it('fetches a service document on its first request and answers from it', async () => {
    const { policy, fetches } = policyWith([protectedOrders]);
    assert.equal(fetches(), 0);
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), true);
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), true);
    assert.equal(fetches(), 1);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const { policy, fetches } = policyWith([protectedOrders]);
    const answers = await Promise.all([1, 2, 3].map(() => policy.requiresToken(shop, 'GET', '/v1/orders')));
    assert.deepEqual(answers, [true, true, true]);
    assert.equal(fetches(), 1);
  });

  it('after the TTL, answers from the old document while fetching the new one in the background', async () => {
    const { policy, clock, gate, fetches, release } = policyWith([protectedOrders, publicOrders]);
    await policy.requiresToken(shop, 'GET', '/v1/orders');
    clock.now += 30_000;
    gate.held = true;
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), true, 'the stale rules answer at once');
    assert.equal(fetches(), 2);
    release();
    await settle();
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), false, 'the new rules apply');
  });

  it('lets requests through when the document cannot be fetched, and asks again later', async () => {
    const { policy, clock, fetches, warnings } = policyWith([new Error('connection refused'), protectedOrders]);
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), false);
    assert.equal(warnings.length, 1, 'the failure is logged');
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), false);
    assert.equal(fetches(), 1, 'a failed fetch is not repeated per request');
    clock.now += 5_000;
    await policy.requiresToken(shop, 'GET', '/v1/orders');
    await settle();
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), true);
  });

  it('keeps the last good rules when a refresh fails', async () => {
    const { policy, clock } = policyWith([protectedOrders, new Error('timeout')]);
    await policy.requiresToken(shop, 'GET', '/v1/orders');
    clock.now += 30_000;
    await policy.requiresToken(shop, 'GET', '/v1/orders');
    await settle();
    assert.equal(await policy.requiresToken(shop, 'GET', '/v1/orders'), true);
  });
});
