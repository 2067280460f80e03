// Trace queries: the newest traces matching a filter (from the summaries, newest first), and one
// trace's spans.

import type { SpanRecord, TraceSummary } from '../store/records.js';
import { spansOf } from '../store/span-store.js';
import type { CollectorStore } from '../store/store.js';

export interface TraceFilter {
  service?: string | undefined;
  orderId?: string | undefined;
  error?: boolean | undefined;
  minDurationMs?: number | undefined;
  limit: number;
}

/** Summaries looked at per query at most, so a filter that matches nothing stays cheap. */
const SCAN_LIMIT = 50_000;

const matches = (t: TraceSummary, f: TraceFilter) =>
  (!f.service || t.services.includes(f.service)) &&
  (!f.orderId || t.order_ids.includes(f.orderId)) &&
  (f.error === undefined || t.error === f.error) &&
  (f.minDurationMs === undefined || t.end_ms - t.start_ms >= f.minDurationMs);

export function listTraces(store: CollectorStore, filter: TraceFilter) {
  const items = [];
  for (const { value: traceId } of store.traceTimes.getRange({ reverse: true, limit: SCAN_LIMIT })) {
    const summary = store.traces.get(traceId);
    if (!summary || !matches(summary, filter)) continue;
    items.push({
      trace_id: summary.trace_id,
      root_service: summary.root_service,
      root_name: summary.root_name,
      start_time: new Date(summary.start_ms).toISOString(),
      duration_ms: Math.round((summary.end_ms - summary.start_ms) * 1000) / 1000,
      span_count: summary.span_count,
      services: summary.services,
      error: summary.error,
    });
    if (items.length >= filter.limit) break;
  }
  return { items };
}

export function getTrace(
  store: CollectorStore,
  traceId: string,
): { trace_id: string; spans: Omit<SpanRecord, 'trace_id' | 'start_ms'>[] } | undefined {
  const spans = spansOf(store, traceId);
  if (spans.length === 0) return undefined;
  return { trace_id: traceId, spans: spans.map(({ trace_id: _t, start_ms: _s, ...span }) => span) };
}
