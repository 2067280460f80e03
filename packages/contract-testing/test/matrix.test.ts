// The broker-less can-i-deploy: a pact counts as verified only for the exact pact and versions the
// provider verified; catalog edges without a pact are found.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogEdges, covers, gatewayCoverage } from '../src/catalog-edges.js';
import { deploymentMatrix } from '../src/matrix.js';
import { type PactFile, pactDigest } from '../src/pact-files.js';
import type { VerificationResult } from '../src/verification-results.js';

const pact = (interactions: PactFile['interactions']): PactFile => ({
  consumer: { name: 'notifications' },
  provider: { name: 'users' },
  interactions,
});
const registered = pact([
  {
    type: 'Asynchronous/Messages',
    description: 'UserRegistered',
    contents: { content: { type: 'emporium.users.UserRegistered.v1' } },
  },
]);
const verified = (overrides: Partial<VerificationResult> = {}): VerificationResult => ({
  consumer: 'notifications',
  consumerVersion: '1.0.0',
  provider: 'users',
  providerVersion: '2.0.0',
  pact: pactDigest(registered),
  success: true,
  verifiedAt: '2026-03-14T15:09:26.535Z',
  failures: [],
  ...overrides,
});
const matrix = (result: VerificationResult | undefined, pacts = [registered], providerVersion = '2.0.0') =>
  deploymentMatrix({
    pacts,
    resultOf: () => result,
    versionOf: (name) => (name === 'users' ? providerVersion : '1.0.0'),
  })[0];

describe('contract-testing: can-i-deploy', () => {
  it('is verified for the pact and versions the provider verified', () => {
    assert.equal(matrix(verified())?.status, 'verified');
  });

  it('is unverified once the pact changed', () => {
    const changed = pact([
      ...registered.interactions,
      { type: 'Asynchronous/Messages', description: 'UserProfileUpdated' },
    ]);
    assert.equal(matrix(verified(), [changed])?.status, 'unverified');
  });

  it('is unverified for a provider version that was not verified', () => {
    const row = matrix(verified(), [registered], '2.1.0');
    assert.equal(row?.status, 'unverified');
    assert.match(String(row?.reason), /users@2\.0\.0/);
  });

  it('is failed when the verification failed, and unverified when there was none', () => {
    assert.equal(matrix(verified({ success: false, failures: ['UserRegistered'] }))?.status, 'failed');
    assert.equal(matrix(undefined)?.status, 'unverified');
  });

  it('says which services behind the gateway a web pact covers', () => {
    const web = { ...registered, consumer: { name: 'web' } };
    assert.deepEqual(gatewayCoverage({ gateway: { dependencies: { sync: ['users', 'analytics'] } } }, [web]), {
      users: true,
      analytics: false,
    });
  });

  it('finds the catalog edges no pact covers', () => {
    const edges = catalogEdges({
      users: { events: { publishes: ['UserRegistered', 'UserProfileUpdated'] } },
      notifications: { events: { subscribes: ['UserRegistered', 'UserProfileUpdated'] } },
      orders: { dependencies: { sync: ['catalog', 'payment-provider'] } },
      catalog: {},
    });
    assert.deepEqual(
      edges.filter((e) => !covers([registered], e)),
      [
        { consumer: 'notifications', provider: 'users', via: 'UserProfileUpdated' },
        { consumer: 'orders', provider: 'catalog', via: 'http' },
      ],
    );
  });
});
