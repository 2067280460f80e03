// A DestinationRule → the subsets (by label) of its host, connection pool limits and outlier detection.
import { type DestinationPolicy, defaultDestination, type OutlierPolicy } from './policy.js';
import type { FieldReader } from './reader.js';
import { shortHost } from './virtual-service.js';

export interface ParsedDestinationRule {
  host: string;
  policy: DestinationPolicy;
}

export function parseDestinationRule(spec: FieldReader): ParsedDestinationRule | undefined {
  const host = spec.string('host');
  if (!host) return spec.error('host', 'is required');
  const policy = defaultDestination();
  for (const subset of spec.list('subsets') ?? []) {
    const name = subset.string('name');
    const labels = subset.stringMap('labels') ?? {};
    subset.finish();
    if (!name) subset.error('name', 'is required');
    else if (policy.subsets.has(name)) subset.error('name', `"${name}" is defined twice`);
    else policy.subsets.set(name, labels);
  }
  const traffic = spec.object('trafficPolicy');
  spec.finish();
  if (traffic) {
    const pool = traffic.object('connectionPool');
    if (pool) readConnectionPool(pool, policy);
    const outlier = traffic.object('outlierDetection');
    if (outlier) policy.outlier = readOutlier(outlier);
    traffic.finish();
  }
  return { host: shortHost(host), policy };
}

function readConnectionPool(pool: FieldReader, policy: DestinationPolicy): void {
  const tcp = pool.object('tcp');
  const http = pool.object('http');
  pool.finish();
  if (tcp) {
    policy.connectionPool.maxConnections = tcp.integer('maxConnections', 1, 1_000_000);
    policy.connectionPool.connectTimeoutMs = tcp.duration('connectTimeout') ?? policy.connectionPool.connectTimeoutMs;
    tcp.finish();
  }
  if (http) {
    policy.connectionPool.maxPendingRequests = http.integer('http1MaxPendingRequests', 1, 1_000_000);
    http.finish();
  }
}

/** Istio's defaults: 5 consecutive errors, a 10 s sweep, 30 s base ejection, at most 10% ejected. */
function readOutlier(outlier: FieldReader): OutlierPolicy {
  const gateway = outlier.integer('consecutiveGatewayErrors', 0, 1_000_000);
  const any5xx = outlier.integer('consecutive5xxErrors', 0, 1_000_000);
  const policy: OutlierPolicy = {
    consecutive5xxErrors: any5xx ?? (gateway === undefined ? 5 : undefined),
    consecutiveGatewayErrors: gateway,
    intervalMs: outlier.duration('interval') ?? 10_000,
    baseEjectionTimeMs: outlier.duration('baseEjectionTime') ?? 30_000,
    maxEjectionPercent: outlier.integer('maxEjectionPercent', 0, 100) ?? 10,
  };
  outlier.finish();
  return policy;
}
