// Rate, errors and duration from cumulative counters: the increase between two scrapes (a counter
// that went down means the process restarted, so the later value is the whole increase), and
// quantiles from histogram buckets as Prometheus's histogram_quantile computes them.
import type { RedCounters, SampleRecord } from '../store/records.js';

export const ZERO: RedCounters = { count: 0, errors: 0, buckets: [] };

export function increase(before: RedCounters, after: RedCounters): RedCounters {
  if (after.count < before.count) return after;
  const earlier = new Map(before.buckets.map((b) => [b.le, b.count]));
  return {
    count: after.count - before.count,
    errors: Math.max(0, after.errors - before.errors),
    buckets: after.buckets.map((b) => ({ le: b.le, count: Math.max(0, b.count - (earlier.get(b.le) ?? 0)) })),
  };
}

export function add(a: RedCounters, b: RedCounters): RedCounters {
  const sums = new Map(a.buckets.map((x) => [x.le, x.count]));
  for (const x of b.buckets) sums.set(x.le, (sums.get(x.le) ?? 0) + x.count);
  return {
    count: a.count + b.count,
    errors: a.errors + b.errors,
    buckets: [...sums.entries()].sort(([x], [y]) => x - y).map(([le, count]) => ({ le, count })),
  };
}

/** The q-quantile in milliseconds, linearly interpolated within its bucket; null when nothing was counted. */
export function quantileMs(counters: RedCounters, q: number): number | null {
  const total = counters.buckets.at(-1)?.count ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const { le, count } of counters.buckets) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return round(lowerLe * 1000);
      const share = count === lowerCount ? 1 : (rank - lowerCount) / (count - lowerCount);
      return round((lowerLe + (le - lowerLe) * share) * 1000);
    }
    lowerLe = Number.isFinite(le) ? le : lowerLe;
    lowerCount = count;
  }
  return round(lowerLe * 1000);
}

/** Which counters of a sample a figure is computed from. */
export type CounterPick = (sample: SampleRecord) => RedCounters;
/** HTTP requests served (the kit's duration histogram). */
export const servedRequests: CounterPick = (s) => s.red;
/** Messages handled (the messaging package's consumer metrics); none on samples stored without them. */
export const handledMessages: CounterPick = (s) => s.messages ?? ZERO;

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * What one instance served between `fromMs` and its last sample: `samples` are that instance's, oldest
 * first, including the last one before `fromMs` when there is one. Returns the increase and the seconds
 * it covers, or undefined when nothing in the window can be measured.
 */
export function instanceIncrease(
  samples: SampleRecord[],
  fromMs: number,
  pick: CounterPick = servedRequests,
): { counters: RedCounters; seconds: number } | undefined {
  const up = samples.filter((s) => s.up);
  const last = up.at(-1);
  if (!last || last.time_ms < fromMs) return undefined;
  const before = up.filter((s) => s.time_ms <= fromMs).at(-1);
  const startedInWindow = last.process_start_ms !== null && last.process_start_ms >= fromMs;
  if (startedInWindow && last.process_start_ms !== null) {
    // Its counters began at zero when it started.
    return { counters: pick(last), seconds: Math.max(1, (last.time_ms - last.process_start_ms) / 1000) };
  }
  const base = before ?? up.find((s) => s.time_ms >= fromMs);
  if (!base || base === last) return { counters: ZERO, seconds: Math.max(1, (last.time_ms - fromMs) / 1000) };
  return { counters: increase(pick(base), pick(last)), seconds: Math.max(1, (last.time_ms - base.time_ms) / 1000) };
}
