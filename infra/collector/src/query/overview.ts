// The overview queries: each scraped process's RED over a window, the topology (declared edges from
// the catalog, observed edges from spans), and each service's SLO standing.
import type { CatalogService } from '../catalog.js';
import { EDGE_BUCKETS_MS, type EdgeBucket } from '../store/records.js';
import type { CollectorStore } from '../store/store.js';
import { timeKey } from '../store/store.js';
import { handledMessages, round } from './red-math.js';
import { figures, samplesSince, windowRed } from './service-red.js';

export function listServices(store: CollectorStore, windowMs: number, lookbackMs: number, now = Date.now()) {
  const byTarget = samplesSince(store, now - windowMs, lookbackMs);
  const items = [...byTarget.entries()].map(([name, instances]) => {
    const { counters, rate } = windowRed(instances, now - windowMs);
    const handled = windowRed(instances, now - windowMs, handledMessages);
    const latest = [...instances.values()].map((samples) => samples.at(-1));
    const messages = figures(handled.counters, handled.rate);
    return {
      name,
      instances: instances.size,
      version: latest.find((s) => s?.version)?.version ?? null,
      ...figures(counters, rate),
      messages: { rate_rps: messages.rate_rps, error_rate: messages.error_rate, p99_ms: messages.p99_ms },
      up: latest.every((s) => s?.up === true),
    };
  });
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
}

type NodeKind = 'service' | 'gateway' | 'infra';
interface Edge {
  from: string;
  to: string;
  kind: 'http' | 'message';
  declared: boolean;
  observed: boolean;
  rate_rps: number;
  error_rate: number;
  p99_ms: number | null;
}

function edgeP99(histogram: number[]): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, n] of histogram.entries()) {
    seen += n;
    if (seen >= 0.99 * total) {
      const le = EDGE_BUCKETS_MS[i] ?? Number.POSITIVE_INFINITY;
      return Number.isFinite(le) ? le : (EDGE_BUCKETS_MS.at(-2) ?? null);
    }
  }
  return null;
}

export function topology(
  store: CollectorStore,
  catalog: CatalogService[],
  targets: string[],
  windowMs: number,
  now = Date.now(),
) {
  const edges = new Map<string, Edge & { histogram: number[]; count: number; errors: number }>();
  const edge = (from: string, to: string, kind: 'http' | 'message') => {
    const key = `${from}>${to}>${kind}`;
    const found = edges.get(key);
    if (found) return found;
    const created = {
      from,
      to,
      kind,
      declared: false,
      observed: false,
      rate_rps: 0,
      error_rate: 0,
      p99_ms: null,
      histogram: EDGE_BUCKETS_MS.map(() => 0),
      count: 0,
      errors: 0,
    };
    edges.set(key, created);
    return created;
  };
  for (const service of catalog) {
    for (const dep of service.sync) edge(service.name, dep, 'http').declared = true;
    for (const dep of service.async) edge(dep, service.name, 'message').declared = true;
  }
  const from = Math.floor((now - windowMs) / 60_000) * 60_000;
  for (const { value } of store.edges.getRange({ start: timeKey(from) })) {
    const bucket = value as EdgeBucket;
    const e = edge(bucket.from, bucket.to, bucket.kind);
    e.observed = true;
    e.count += bucket.count;
    e.errors += bucket.errors;
    bucket.histogram.forEach((n, i) => {
      e.histogram[i] = (e.histogram[i] ?? 0) + n;
    });
  }
  const names = new Set<string>([...catalog.map((s) => s.name), ...targets]);
  for (const e of edges.values()) names.add(e.from).add(e.to);
  const services = new Set(catalog.map((s) => s.name));
  const kindOf = (name: string): NodeKind =>
    name === 'gateway' ? 'gateway' : services.has(name) ? 'service' : 'infra';
  return {
    nodes: [...names].sort().map((name) => ({ name, kind: kindOf(name) })),
    edges: [...edges.values()].map(({ histogram, count, errors, ...e }) => ({
      ...e,
      rate_rps: round(count / (windowMs / 1000)),
      error_rate: count > 0 ? round(errors / count, 6) : 0,
      p99_ms: edgeP99(histogram),
    })),
  };
}

export function slos(
  store: CollectorStore,
  catalog: CatalogService[],
  windowMs: number,
  lookbackMs: number,
  now = Date.now(),
) {
  const byTarget = samplesSince(store, now - windowMs, lookbackMs);
  const items = catalog
    .filter((s) => s.availability !== null || s.latencyP99Ms !== null)
    .map((service) => {
      const instances = byTarget.get(service.name);
      const { counters } = instances ? windowRed(instances, now - windowMs) : { counters: undefined };
      const served = counters && counters.count > 0 ? counters : undefined;
      const availability = served ? 1 - served.errors / served.count : 1;
      const target = service.availability ?? 1;
      const allowed = 1 - target;
      const burn = allowed > 0 ? (1 - availability) / allowed : availability < 1 ? Number.POSITIVE_INFINITY : 0;
      return {
        service: service.name,
        availability_target: target,
        availability: round(availability, 6),
        latency_p99_target_ms: service.latencyP99Ms,
        latency_p99_ms: served ? figures(served, 0).p99_ms : null,
        error_budget_remaining: round(Math.min(1, Math.max(0, 1 - burn)), 6),
        burn_rate: Number.isFinite(burn) ? round(burn, 6) : 1e9,
      };
    });
  return { items };
}
