// A VirtualService → the route policy of its host: weighted subsets, timeout, retries and faults.
// One HTTP route per service (no matches): what Emporium's east-west traffic needs.
import { defaultRetries, type FaultPolicy, type RetryCondition, type RetryPolicy, type RoutePolicy } from './policy.js';
import type { FieldReader } from './reader.js';

const CONDITIONS = new Set<string>([
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
]);
/** gRPC conditions: valid in Istio, meaningless for the HTTP/1.1 the services speak. */
const GRPC_CONDITIONS = new Set(['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable']);

export interface ParsedVirtualService {
  hosts: string[];
  route: RoutePolicy;
}

/** `catalog`, `catalog.emporium`, `catalog.emporium.svc.cluster.local` → `catalog`. */
export const shortHost = (host: string) => host.split('.')[0] ?? host;

export function parseVirtualService(where: string, spec: FieldReader): ParsedVirtualService | undefined {
  const hosts = spec.strings('hosts');
  if (!hosts?.length) return spec.error('hosts', 'must name at least one host');
  const http = spec.list('http');
  spec.finish();
  if (!http?.length) return spec.error('http', 'must hold one HTTP route');
  const [first, ...rest] = http;
  for (const [i] of rest.entries())
    spec.findings.unsupported.push(`${where}: spec.http[${i + 1}] (one HTTP route per service)`);
  if (!first) return undefined;
  const route = parseRoute(first, hosts.map(shortHost));
  return route ? { hosts: hosts.map(shortHost), route } : undefined;
}

function parseRoute(http: FieldReader, hosts: string[]): RoutePolicy | undefined {
  http.accept('name');
  const targets = http.list('route');
  if (!targets?.length) return http.error('route', 'must name at least one destination');
  const destinations = targets.map((target) => {
    const destination = target.object('destination');
    const host = destination?.string('host');
    if (host && !hosts.includes(shortHost(host)))
      destination?.error('host', `"${host}" is not one of this route's hosts`);
    const subset = destination?.string('subset');
    destination?.accept('port');
    destination?.finish();
    const weight = target.integer('weight', 0, 100);
    target.finish();
    return { subset, weight: weight ?? (targets.length === 1 ? 100 : 0) };
  });
  const total = destinations.reduce((sum, d) => sum + d.weight, 0);
  if (total !== 100) http.error('route', `weights must add up to 100 (they add up to ${total})`);
  const timeoutMs = http.duration('timeout');
  const retriesReader = http.object('retries');
  const retries = retriesReader ? parseRetries(retriesReader) : defaultRetries();
  const faultReader = http.object('fault');
  const fault = faultReader ? parseFault(faultReader) : undefined;
  http.finish();
  return { destinations, timeoutMs: timeoutMs || undefined, retries, fault };
}

function parseRetries(retries: FieldReader): RetryPolicy {
  const policy = defaultRetries();
  policy.attempts = retries.integer('attempts', 0, 100) ?? 0;
  policy.perTryTimeoutMs = retries.duration('perTryTimeout') || undefined;
  const retryOn = retries.string('retryOn');
  if (retryOn !== undefined) {
    policy.conditions = new Set();
    policy.statusCodes = new Set();
    for (const item of retryOn.split(',').map((s) => s.trim())) {
      if (/^\d{3}$/.test(item)) policy.statusCodes.add(Number(item));
      else if (CONDITIONS.has(item)) policy.conditions.add(item as RetryCondition);
      else if (GRPC_CONDITIONS.has(item) || item === 'retriable-status-codes' || item === 'retriable-headers')
        retries.findings.unsupported.push(`${retries.where}: ${retries.path}.retryOn "${item}"`);
      else retries.error('retryOn', `has an unknown condition "${item}"`);
    }
  }
  retries.finish();
  return policy;
}

function percentOf(reader: FieldReader): number | undefined {
  const percentage = reader.object('percentage');
  const value = percentage?.number('value', 0, 100);
  percentage?.finish();
  if (percentage === undefined) return reader.error('percentage', 'is required (value: 0-100)');
  return value ?? 0;
}

function parseFault(fault: FieldReader): FaultPolicy {
  const policy: FaultPolicy = {};
  const delay = fault.object('delay');
  if (delay) {
    const percent = percentOf(delay);
    const ms = delay.duration('fixedDelay');
    if (ms === undefined && !delay.has('fixedDelay')) delay.error('fixedDelay', 'is required');
    delay.finish();
    if (percent !== undefined && ms !== undefined) policy.delay = { percent, ms };
  }
  const abort = fault.object('abort');
  if (abort) {
    const percent = percentOf(abort);
    const status = abort.integer('httpStatus', 200, 599);
    if (status === undefined && !abort.has('httpStatus')) abort.error('httpStatus', 'is required');
    abort.finish();
    if (percent !== undefined && status !== undefined) policy.abort = { percent, status };
  }
  fault.finish();
  return policy;
}
