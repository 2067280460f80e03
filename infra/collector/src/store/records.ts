// What the collector keeps: spans as the query API returns them, one summary per trace, log lines,
// scrape samples and per-minute edge aggregates. Plain JSON-able values, stored in LMDB (msgpack).

export type SpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCode = 'unset' | 'ok' | 'error';
export type AttributeValue = string | number | boolean | Array<string | number | boolean> | null;

export interface SpanRecord {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  service: string;
  kind: SpanKind;
  start_time: string;
  start_unix_nano: string;
  /** Milliseconds since the epoch, for indexes and retention. */
  start_ms: number;
  duration_ms: number;
  status: { code: StatusCode; message?: string };
  attributes: Record<string, AttributeValue>;
  links: Array<{ trace_id: string; span_id: string }>;
}

export interface TraceSummary {
  trace_id: string;
  root_service: string;
  root_name: string;
  /** True once the span without a parent has arrived. */
  has_root: boolean;
  start_ms: number;
  end_ms: number;
  span_count: number;
  services: string[];
  error: boolean;
  order_ids: string[];
}

export interface LogRecord {
  time: string;
  time_ms: number;
  service: string;
  level: string;
  msg: string;
  trace_id: string | null;
  span_id: string | null;
  request_id: string | null;
  fields: Record<string, unknown>;
}

/** Cumulative request counters of one scrape target (a Prometheus histogram summed over routes). */
export interface RedCounters {
  count: number;
  errors: number;
  /** Upper bounds in seconds (Infinity last) and cumulative counts. */
  buckets: Array<{ le: number; count: number }>;
}

export interface SampleRecord {
  time_ms: number;
  target: string;
  instance: string;
  up: boolean;
  version: string | null;
  /** When the process started (its counters start at zero then); null when not reported. */
  process_start_ms: number | null;
  red: RedCounters;
  /**
   * Cumulative message-handling counters (emporium_messages_consumed_total: count = deliveries, errors =
   * retried + dead-lettered; buckets = emporium_message_lag_seconds). Absent on samples stored before.
   */
  messages?: RedCounters;
}

/** Observations of one edge (caller service → callee service) within one minute. */
export interface EdgeBucket {
  from: string;
  to: string;
  kind: 'http' | 'message';
  minute_ms: number;
  count: number;
  errors: number;
  /** Counts per EDGE_BUCKETS_MS upper bound (the last one is +Inf). */
  histogram: number[];
}

export const EDGE_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, Number.POSITIVE_INFINITY];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
