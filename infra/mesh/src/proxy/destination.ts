// One destination service as the mesh sees it: its instances, the policy from its Istio files (swapped
// whole on reload), outlier state per instance, connection pools, and the choice of where a try goes.
import { Pool } from 'undici';
import type { Instance } from '../endpoints.js';
import type { ServicePolicy, WeightedDestination } from '../istio/policy.js';
import type { MeshMetrics } from '../metrics.js';
import { OutlierDetector } from './outlier.js';

export class Destination {
  policy: ServicePolicy;
  /** Requests in flight to any instance (waiting for a connection or answered): the pool limit's count. */
  active = 0;
  readonly detector: OutlierDetector;
  private pools = new Map<string, Pool>();
  private nextIndex = 0;

  constructor(
    readonly name: string,
    readonly instances: Instance[],
    policy: ServicePolicy,
    metrics: MeshMetrics,
    log: (message: string) => void,
  ) {
    this.policy = policy;
    this.detector = new OutlierDetector(name, metrics, (url, ejected) =>
      log(`${name}: ${url} ${ejected ? 'ejected (outlier detection)' : 'returned from ejection'}`),
    );
    this.apply(policy);
  }

  apply(policy: ServicePolicy): void {
    const previous = this.policy.destination.connectionPool;
    this.policy = policy;
    this.detector.configure(
      policy.destination.outlier,
      this.instances.map((i) => i.url),
    );
    const next = policy.destination.connectionPool;
    if (previous.maxConnections !== next.maxConnections || previous.connectTimeoutMs !== next.connectTimeoutMs) {
      const old = [...this.pools.values()];
      this.pools = new Map();
      for (const pool of old) void pool.close(); // in-flight requests finish on the old pool
    }
  }

  /** The weighted route's pick, made once per request: tries stay within that subset. */
  chooseRoute(random: () => number = Math.random): WeightedDestination | undefined {
    const { destinations } = this.policy.route;
    let roll = random() * 100;
    for (const destination of destinations) {
      if (destination.weight <= 0) continue;
      roll -= destination.weight;
      if (roll < 0) return destination;
    }
    return destinations.findLast((d) => d.weight > 0);
  }

  /** Instances of a subset (all instances when the route names none). */
  membersOf(subset: string | undefined): Instance[] {
    if (subset === undefined) return this.instances;
    const labels = this.policy.destination.subsets.get(subset) ?? {};
    return this.instances.filter((i) => Object.entries(labels).every(([k, v]) => i.labels[k] === v));
  }

  /**
   * Round robin over the subset's instances that are not ejected, preferring ones this request has not
   * tried yet (Istio's previous-hosts retry predicate). If every member is ejected, all are used (Envoy's panic mode).
   */
  pickInstance(members: Instance[], tried: ReadonlySet<string>): Instance | undefined {
    if (members.length === 0) return undefined;
    const healthy = members.filter((i) => !this.detector.isEjected(i.url));
    const pool = healthy.length > 0 ? healthy : members;
    const fresh = pool.filter((i) => !tried.has(i.url));
    const candidates = fresh.length > 0 ? fresh : pool;
    this.nextIndex = (this.nextIndex + 1) % 1_000_000;
    return candidates[this.nextIndex % candidates.length];
  }

  /** True when one more request would pass maxConnections + http1MaxPendingRequests. */
  overflowing(): boolean {
    const { maxConnections, maxPendingRequests } = this.policy.destination.connectionPool;
    if (maxConnections === undefined && maxPendingRequests === undefined) return false;
    const limit = (maxConnections ?? Number.POSITIVE_INFINITY) + (maxPendingRequests ?? Number.POSITIVE_INFINITY);
    return this.active >= limit;
  }

  poolFor(instance: Instance): Pool {
    let pool = this.pools.get(instance.url);
    if (!pool) {
      const { maxConnections, connectTimeoutMs } = this.policy.destination.connectionPool;
      pool = new Pool(instance.url, {
        ...(maxConnections === undefined ? {} : { connections: maxConnections }),
        connect: { timeout: connectTimeoutMs },
        // The mesh enforces its own per-try timeout; a streaming body (SSE) may idle for long.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.pools.set(instance.url, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    this.detector.stop();
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }
}
