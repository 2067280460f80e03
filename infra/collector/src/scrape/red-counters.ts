// From one scrape: the target's request counters (the kit's duration histogram summed over routes,
// without health probes and /metrics), its message-handling counters (the messaging package's consumer
// metrics), its version and its process start time.
import type { RedCounters } from '../store/records.js';
import type { Sample } from './exposition.js';

const HISTOGRAM = 'http_server_request_duration_seconds';
const NOT_TRAFFIC = new Set(['/healthz', '/readyz', '/metrics']);

const isTraffic = (s: Sample) => !NOT_TRAFFIC.has(s.labels.route ?? '');
const isError = (s: Sample) => Number(s.labels.status_code) >= 500;

export function redCounters(samples: Sample[]): RedCounters {
  const traffic = samples.filter(isTraffic);
  let count = 0;
  let errors = 0;
  for (const s of traffic) {
    if (s.name !== `${HISTOGRAM}_count`) continue;
    count += s.value;
    if (isError(s)) errors += s.value;
  }
  return { count, errors, buckets: summedBuckets(traffic, `${HISTOGRAM}_bucket`) };
}

/** A histogram's cumulative buckets summed over all its series, by upper bound (seconds, Infinity last). */
function summedBuckets(samples: Sample[], name: string): RedCounters['buckets'] {
  const buckets = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== name) continue;
    const le = s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le);
    if (!Number.isNaN(le)) buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count }));
}

const CONSUMED = 'emporium_messages_consumed_total';
const LAG = 'emporium_message_lag_seconds_bucket';
const FAILED_OUTCOMES = new Set(['retried', 'dead_lettered']);

/**
 * From one scrape: the target's message handling (the messaging package's metrics, summed over consumers):
 * deliveries, failed deliveries (retried or dead-lettered) and the lag histogram (produced → handled).
 */
export function messageCounters(samples: Sample[]): RedCounters {
  let count = 0;
  let errors = 0;
  for (const s of samples) {
    if (s.name !== CONSUMED) continue;
    count += s.value;
    if (FAILED_OUTCOMES.has(s.labels.outcome ?? '')) errors += s.value;
  }
  return { count, errors, buckets: summedBuckets(samples, LAG) };
}

export function versionOf(samples: Sample[]): string | null {
  return samples.find((s) => s.name === 'emporium_build_info')?.labels.version ?? null;
}

export function processStartMs(samples: Sample[]): number | null {
  const start = samples.find((s) => s.name === 'process_start_time_seconds');
  return start ? start.value * 1000 : null;
}
