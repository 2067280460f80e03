// From one scrape: the target's request counters (the kit's duration histogram summed over routes,
// without health probes and /metrics), its version and its process start time.
import type { RedCounters } from '../store/records.js';
import type { Sample } from './exposition.js';

const HISTOGRAM = 'http_server_request_duration_seconds';
const NOT_TRAFFIC = new Set(['/healthz', '/readyz', '/metrics']);

const isTraffic = (s: Sample) => !NOT_TRAFFIC.has(s.labels.route ?? '');
const isError = (s: Sample) => Number(s.labels.status_code) >= 500;

export function redCounters(samples: Sample[]): RedCounters {
  let count = 0;
  let errors = 0;
  const buckets = new Map<number, number>();
  for (const s of samples) {
    if (!isTraffic(s)) continue;
    if (s.name === `${HISTOGRAM}_count`) {
      count += s.value;
      if (isError(s)) errors += s.value;
    } else if (s.name === `${HISTOGRAM}_bucket`) {
      const le = s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le);
      if (!Number.isNaN(le)) buckets.set(le, (buckets.get(le) ?? 0) + s.value);
    }
  }
  return {
    count,
    errors,
    buckets: [...buckets.entries()].sort(([a], [b]) => a - b).map(([le, c]) => ({ le, count: c })),
  };
}

export function versionOf(samples: Sample[]): string | null {
  return samples.find((s) => s.name === 'emporium_build_info')?.labels.version ?? null;
}

export function processStartMs(samples: Sample[]): number | null {
  const start = samples.find((s) => s.name === 'process_start_time_seconds');
  return start ? start.value * 1000 : null;
}
