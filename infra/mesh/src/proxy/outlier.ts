// Outlier detection as Envoy does it: an instance with N consecutive errors is ejected for
// baseEjectionTime × (times ejected), unless that would eject more than maxEjectionPercent of the
// destination (at least one instance may always go); a sweep every `interval` brings it back.
import type { OutlierPolicy } from '../istio/policy.js';
import type { MeshMetrics } from '../metrics.js';

/** What one try told about the instance: local failures (refused, reset, timed out) count as gateway errors. */
export type TryResult = 'success' | 'server-error' | 'gateway-error';

interface Health {
  consecutive5xx: number;
  consecutiveGateway: number;
  ejectedUntil: number | undefined;
  ejections: number;
}

export class OutlierDetector {
  private readonly health = new Map<string, Health>();
  private timer: NodeJS.Timeout | undefined;
  private policy: OutlierPolicy | undefined;

  constructor(
    private readonly destination: string,
    private readonly metrics: MeshMetrics,
    private readonly onChange: (instance: string, ejected: boolean) => void,
  ) {}

  /** Sets the policy and the instances it watches; keeps the state of instances it already knew. */
  configure(policy: OutlierPolicy | undefined, instances: string[]): void {
    for (const url of instances) if (!this.health.has(url)) this.health.set(url, this.fresh());
    const interval = policy?.intervalMs;
    if (interval !== this.policy?.intervalMs || !policy) {
      clearInterval(this.timer);
      this.timer = policy ? setInterval(() => this.sweep(Date.now()), Math.max(interval ?? 1000, 10)) : undefined;
      this.timer?.unref();
    }
    this.policy = policy;
    if (!policy) for (const url of this.health.keys()) this.restore(url);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  isEjected(url: string): boolean {
    return this.health.get(url)?.ejectedUntil !== undefined;
  }

  ejectedUntil(url: string): number | undefined {
    return this.health.get(url)?.ejectedUntil;
  }

  record(url: string, result: TryResult): void {
    const health = this.health.get(url);
    if (!health) return;
    if (result === 'success') {
      health.consecutive5xx = 0;
      health.consecutiveGateway = 0;
      return;
    }
    health.consecutive5xx += 1;
    if (result === 'gateway-error') health.consecutiveGateway += 1;
    else health.consecutiveGateway = 0;
    const policy = this.policy;
    if (!policy || health.ejectedUntil !== undefined) return;
    const over = (limit: number | undefined, count: number) => limit !== undefined && limit > 0 && count >= limit;
    if (
      over(policy.consecutive5xxErrors, health.consecutive5xx) ||
      over(policy.consecutiveGatewayErrors, health.consecutiveGateway)
    )
      this.eject(url, health, policy);
  }

  private eject(url: string, health: Health, policy: OutlierPolicy): void {
    const ejected = [...this.health.values()].filter((h) => h.ejectedUntil !== undefined).length;
    if ((ejected / this.health.size) * 100 >= policy.maxEjectionPercent && ejected > 0) return;
    if (policy.maxEjectionPercent === 0) return;
    health.ejections += 1;
    health.ejectedUntil = Date.now() + policy.baseEjectionTimeMs * health.ejections;
    this.metrics.ejections.inc({ destination: this.destination, instance: url });
    this.metrics.ejected.set({ destination: this.destination, instance: url }, 1);
    this.onChange(url, true);
  }

  private restore(url: string): void {
    const health = this.health.get(url);
    if (health?.ejectedUntil === undefined) return;
    health.ejectedUntil = undefined;
    health.consecutive5xx = 0;
    health.consecutiveGateway = 0;
    this.metrics.ejected.set({ destination: this.destination, instance: url }, 0);
    this.onChange(url, false);
  }

  /** Returns instances whose ejection ran out; an instance healthy for a whole interval earns back one ejection. */
  private sweep(now: number): void {
    for (const [url, health] of this.health) {
      if (health.ejectedUntil !== undefined && now >= health.ejectedUntil) this.restore(url);
      else if (health.ejectedUntil === undefined && health.ejections > 0 && health.consecutive5xx === 0)
        health.ejections -= 1;
    }
  }

  private fresh(): Health {
    return { consecutive5xx: 0, consecutiveGateway: 0, ejectedUntil: undefined, ejections: 0 };
  }
}
