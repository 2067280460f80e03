// What a process is busy with: HTTP requests it served and messages it consumed (a consumer-only service
// such as inventory serves almost no requests, yet is far from idle). Pure, for the topology and the tiles.
import { formatMs, formatRate } from './format.js';

export interface ActivityFigures {
  rate_rps: number;
  error_rate: number;
  p99_ms: number | null;
}

export interface ServiceActivityInput extends ActivityFigures {
  /** Messages consumed: deliveries/s, share retried or dead-lettered, p99 lag (produced → handled). */
  messages?: ActivityFigures | undefined;
}

export interface Activity {
  /** Requests or messages were handled in the window. */
  busy: boolean;
  /** Requests and deliveries per second together. */
  rate_rps: number;
  /** Failed answers and deliveries over all of them (5xx; retried or dead-lettered). */
  error_rate: number;
  /**
   * One line for a box (narrow: no room for more): requests and their p99 first, else messages (✉) and
   * their lag p99, else "idle".
   */
  summary: string;
}

export function activityOf(s: ServiceActivityInput): Activity {
  const http = s.rate_rps;
  const messages = s.messages?.rate_rps ?? 0;
  const rate = http + messages;
  if (rate <= 0) return { busy: false, rate_rps: 0, error_rate: 0, summary: 'idle' };
  const errors = http * s.error_rate + messages * (s.messages?.error_rate ?? 0);
  const summary =
    http > 0
      ? `${formatRate(http)} · p99 ${formatMs(s.p99_ms)}`
      : `✉ ${formatRate(messages)} · ${formatMs(s.messages?.p99_ms)}`;
  return { busy: true, rate_rps: rate, error_rate: errors / rate, summary };
}
