// Outlier detection's rules, on the detector and the instance choice alone (no network).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDestination, defaultRoute, type OutlierPolicy } from '../src/istio/policy.js';
import { meshMetrics } from '../src/metrics.js';
import { Destination } from '../src/proxy/destination.js';

const policy = (over: Partial<OutlierPolicy> = {}): OutlierPolicy => ({
  consecutive5xxErrors: 2,
  consecutiveGatewayErrors: undefined,
  intervalMs: 60_000,
  baseEjectionTimeMs: 1000,
  maxEjectionPercent: 50,
  ...over,
});

function destination(name: string, outlier: OutlierPolicy, versions = ['v1', 'v1']): Destination {
  const instances = versions.map((version, i) => ({ url: `http://127.0.0.1:${10_000 + i}`, labels: { version } }));
  const subsets = new Map([
    ['v1', { version: 'v1' }],
    ['v2', { version: 'v2' }],
  ]);
  return new Destination(
    name,
    instances,
    { route: defaultRoute(), destination: { ...defaultDestination(), subsets, outlier } },
    meshMetrics,
    () => {},
  );
}

describe('outlier detection', () => {
  it('ejects after the consecutive errors, and a success in between starts the count again', () => {
    const d = destination('od-count', policy({ consecutive5xxErrors: 3 }));
    const [a] = d.instances.map((i) => i.url);
    for (const result of ['server-error', 'server-error', 'success', 'server-error', 'server-error'] as const)
      d.detector.record(a ?? '', result);
    assert.equal(d.detector.isEjected(a ?? ''), false);
    d.detector.record(a ?? '', 'gateway-error');
    assert.equal(d.detector.isEjected(a ?? ''), true);
    d.close();
  });

  it('never ejects more than maxEjectionPercent, but always at least one instance', () => {
    const d = destination('od-percent', policy({ maxEjectionPercent: 10 }));
    const [a, b] = d.instances.map((i) => i.url);
    for (const url of [a, b, a, b]) d.detector.record(url ?? '', 'server-error');
    assert.deepEqual(
      [d.detector.isEjected(a ?? ''), d.detector.isEjected(b ?? '')],
      [true, false],
      'one of two is 50% > 10%, yet one may always go',
    );
    d.close();
  });

  it('counts only 502/503/504 and local failures for consecutiveGatewayErrors', () => {
    const d = destination('od-gateway', policy({ consecutive5xxErrors: 0, consecutiveGatewayErrors: 2 }));
    const [a] = d.instances.map((i) => i.url);
    for (const result of ['server-error', 'gateway-error', 'server-error', 'gateway-error'] as const)
      d.detector.record(a ?? '', result);
    assert.equal(d.detector.isEjected(a ?? ''), false, 'a 500 breaks the run of gateway errors');
    d.detector.record(a ?? '', 'gateway-error');
    assert.equal(d.detector.isEjected(a ?? ''), true);
    d.close();
  });

  it('sends a request to an ejected instance only when its whole subset is ejected (panic mode)', () => {
    const d = destination('od-panic', policy({ maxEjectionPercent: 100 }), ['v1', 'v2']);
    const [v1, v2] = d.instances.map((i) => i.url);
    for (const url of [v1, v1]) d.detector.record(url ?? '', 'gateway-error');
    const stable = d.membersOf('v1');
    assert.deepEqual(
      stable.map((i) => i.url),
      [v1],
      'subsets follow the version label',
    );
    assert.equal(d.pickInstance(stable, new Set())?.url, v1, 'an ejected subset still answers');
    assert.equal(d.pickInstance(d.membersOf(undefined), new Set())?.url, v2, 'otherwise the healthy one');
    d.close();
  });
});
