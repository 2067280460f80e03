// RED per service from scrape samples: over a window (for /v1/services and /v1/slos) and as a series
// of steps (for /v1/metrics/red).
import type { RedCounters, SampleRecord } from '../store/records.js';
import type { CollectorStore } from '../store/store.js';
import { timeKey } from '../store/store.js';
import {
  add,
  type CounterPick,
  increase,
  instanceIncrease,
  quantileMs,
  round,
  servedRequests,
  ZERO,
} from './red-math.js';

export interface RedFigures {
  rate_rps: number;
  error_rate: number;
  p50_ms: number | null;
  p99_ms: number | null;
}

/** Samples from `fromMs` (and up to `lookbackMs` before, for a baseline) to now, grouped by target then instance. */
export function samplesSince(
  store: CollectorStore,
  fromMs: number,
  lookbackMs: number,
): Map<string, Map<string, SampleRecord[]>> {
  const byTarget = new Map<string, Map<string, SampleRecord[]>>();
  for (const { value } of store.samples.getRange({ start: timeKey(fromMs - lookbackMs) })) {
    const instances = byTarget.get(value.target) ?? new Map<string, SampleRecord[]>();
    byTarget.set(value.target, instances);
    const list = instances.get(value.instance) ?? [];
    instances.set(value.instance, list);
    list.push(value);
  }
  return byTarget;
}

export function figures(counters: RedCounters, rate: number): RedFigures {
  return {
    rate_rps: round(rate),
    error_rate: counters.count > 0 ? round(counters.errors / counters.count, 6) : 0,
    p50_ms: quantileMs(counters, 0.5),
    p99_ms: quantileMs(counters, 0.99),
  };
}

/** What all instances of a service served (HTTP requests, or with `pick`, messages) in the window, summed. */
export function windowRed(
  instances: Map<string, SampleRecord[]>,
  fromMs: number,
  pick: CounterPick = servedRequests,
): { counters: RedCounters; rate: number } {
  let counters = ZERO;
  let rate = 0;
  for (const samples of instances.values()) {
    const served = instanceIncrease(samples, fromMs, pick);
    if (!served) continue;
    counters = add(counters, served.counters);
    rate += served.counters.count / served.seconds;
  }
  return { counters, rate };
}

/** The latest sample of `samples` at or before `t`. */
function at(samples: SampleRecord[], t: number): SampleRecord | undefined {
  let found: SampleRecord | undefined;
  for (const s of samples) {
    if (s.time_ms > t) break;
    if (s.up) found = s;
  }
  return found;
}

export function redSeries(
  instances: Map<string, SampleRecord[]>,
  fromMs: number,
  toMs: number,
  stepMs: number,
): Array<RedFigures & { t: string }> {
  const first = Math.ceil(fromMs / stepMs) * stepMs;
  const points: Array<RedFigures & { t: string }> = [];
  for (let t = first; t <= toMs; t += stepMs) {
    let counters = ZERO;
    for (const samples of instances.values()) {
      const end = at(samples, t);
      if (!end || end.time_ms <= t - stepMs) continue;
      const start = at(samples, t - stepMs);
      const restarted = end.process_start_ms !== null && end.process_start_ms > t - stepMs;
      counters = add(counters, start && !restarted ? increase(start.red, end.red) : restarted ? end.red : ZERO);
    }
    points.push({ t: new Date(t).toISOString(), ...figures(counters, counters.count / (stepMs / 1000)) });
  }
  return points;
}
