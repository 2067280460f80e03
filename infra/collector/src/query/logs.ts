// Log queries, newest first: by trace (its index), or by time with service, level and text filters.
import { LOG_LEVELS, type LogLevel, type LogRecord } from '../store/records.js';
import type { CollectorStore } from '../store/store.js';
import { prefixRange } from '../store/store.js';

export interface LogFilter {
  service?: string | undefined;
  traceId?: string | undefined;
  level?: LogLevel | undefined;
  q?: string | undefined;
  limit: number;
}

const SCAN_LIMIT = 200_000;

function matcher(filter: LogFilter): (r: LogRecord) => boolean {
  const minLevel = filter.level ? LOG_LEVELS.indexOf(filter.level) : 0;
  const needle = filter.q?.toLowerCase();
  return (r) =>
    (!filter.service || r.service === filter.service) &&
    (!filter.traceId || r.trace_id === filter.traceId) &&
    LOG_LEVELS.indexOf(r.level as LogLevel) >= minLevel &&
    (!needle || r.msg.toLowerCase().includes(needle) || JSON.stringify(r.fields).toLowerCase().includes(needle));
}

function* candidates(store: CollectorStore, filter: LogFilter): Generator<LogRecord> {
  if (filter.traceId) {
    const keys = [...store.logsByTrace.getRange(prefixRange(`${filter.traceId}:`))].map((e) => e.value).reverse();
    for (const key of keys) {
      const record = store.logs.get(key);
      if (record) yield record;
    }
    return;
  }
  for (const { value } of store.logs.getRange({ reverse: true, limit: SCAN_LIMIT })) yield value;
}

export function queryLogs(store: CollectorStore, filter: LogFilter) {
  const keep = matcher(filter);
  const items = [];
  for (const record of candidates(store, filter)) {
    if (!keep(record)) continue;
    const { time_ms: _t, ...item } = record;
    items.push(item);
    if (items.length >= filter.limit) break;
  }
  return { items };
}
