// Admission control for new orders. When the saga's first step (reserving the stock) is so far behind
// that a new order would likely run out of time and be rejected, new orders are refused at the door
// (429 with Retry-After, nothing placed) instead of being accepted and rejected seconds later. Not 503:
// the mesh's outlier detection would take the busy orders instances out of service for a run of them. The lag
// is the wait of the oldest order still waiting for its reservation, read every interval.
import { type Pool, tooManyRequests } from '@emporium/service-kit';
import { Counter, Gauge } from 'prom-client';
import { longestWaitAtStep } from '../store/saga-store.js';

const RESERVE_STEP = 0;

const lagGauge = new Gauge({
  name: 'emporium_orders_reservation_lag_seconds',
  help: 'How long the oldest order still waiting for its stock reservation has waited',
});
const refused = new Counter({
  name: 'emporium_orders_refused_total',
  help: 'New orders refused at the door because the saga was too far behind to confirm them in time',
});

export interface AdmissionSettings {
  pool: Pool;
  /** The reservation step's timeout (its deadline is this long after it started). */
  reserveTimeoutMs: number;
  /** Refuse new orders while the oldest waiting reservation has waited longer than this; 0 never refuses. */
  maxLagMs: number;
  intervalMs: number;
  log: { warn(o: object, m: string): void };
}

export interface OrderAdmission {
  /** Throws 429 (with Retry-After) while new orders are being refused. */
  admit(): void;
  /** Reads the lag now (the interval does this too). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export function startOrderAdmission(settings: AdmissionSettings): OrderAdmission {
  const { pool, reserveTimeoutMs, maxLagMs, intervalMs, log } = settings;
  let lagMs = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const refresh = async () => {
    lagMs = await longestWaitAtStep(pool, RESERVE_STEP, reserveTimeoutMs);
    lagGauge.set(lagMs / 1000);
  };
  const tick = () => {
    running = refresh()
      // The database being away shows elsewhere; the last reading stands meanwhile.
      .catch((error) => log.warn({ err: error }, 'reading the reservation lag failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  if (maxLagMs > 0) timer = setTimeout(tick, intervalMs);

  return {
    admit() {
      if (maxLagMs <= 0 || lagMs <= maxLagMs) return;
      refused.inc();
      const behindSeconds = Math.ceil(lagMs / 1000);
      throw tooManyRequests(
        `Orders are coming in faster than they can be confirmed (the oldest is still waiting for its stock after ${behindSeconds} s): nothing was placed; please try again shortly`,
        Math.max(1, Math.min(30, Math.ceil((lagMs - maxLagMs) / 1000) + 1)),
      );
    },
    refresh,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
