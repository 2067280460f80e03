// Storing spans: each span under its trace, the trace's summary kept up to date, and every pair of
// spans of two services (a parent and its server or consumer child) counted as an observed edge.
// Services export independently, so a child often arrives before its parent: pairs are made from
// whichever side arrives second.
import { EDGE_BUCKETS_MS, type EdgeBucket, type SpanRecord, type TraceSummary } from './records.js';
import { type CollectorStore, prefixRange, timeKey } from './store.js';

const MINUTE = 60_000;
const ORDER_ID = 'emporium.order_id';

export function storeSpans(store: CollectorStore, spans: SpanRecord[]): void {
  store.root.transactionSync(() => {
    const touched = new Map<string, SpanRecord[]>();
    for (const span of spans) {
      const key = `${span.trace_id}:${span.span_id}`;
      if (store.spans.get(key)) continue; // an exporter's retry
      pairWithParent(store, span);
      pairWithChildren(store, span);
      store.spans.putSync(key, span);
      if (span.parent_span_id) {
        store.children.putSync(`${span.trace_id}:${span.parent_span_id}:${span.span_id}`, span.span_id);
      }
      const list = touched.get(span.trace_id);
      if (list) list.push(span);
      else touched.set(span.trace_id, [span]);
    }
    for (const [traceId, added] of touched) updateSummary(store, traceId, added);
  });
}

function pairWithParent(store: CollectorStore, span: SpanRecord): void {
  if (!span.parent_span_id) return;
  const parent = store.spans.get(`${span.trace_id}:${span.parent_span_id}`);
  if (parent) countEdge(store, parent, span);
}

function pairWithChildren(store: CollectorStore, span: SpanRecord): void {
  for (const { value: childId } of store.children.getRange(prefixRange(`${span.trace_id}:${span.span_id}:`))) {
    const child = store.spans.get(`${span.trace_id}:${childId}`);
    if (child) countEdge(store, span, child);
  }
}

/** A call crosses services where a server or consumer span's parent belongs to another service. */
function countEdge(store: CollectorStore, parent: SpanRecord, child: SpanRecord): void {
  if (parent.service === child.service) return;
  if (child.kind !== 'server' && child.kind !== 'consumer') return;
  const kind = child.kind === 'consumer' ? 'message' : 'http';
  const minute = Math.floor(child.start_ms / MINUTE) * MINUTE;
  const key = `${timeKey(minute)}:${parent.service}:${child.service}:${kind}`;
  const bucket: EdgeBucket = store.edges.get(key) ?? {
    from: parent.service,
    to: child.service,
    kind,
    minute_ms: minute,
    count: 0,
    errors: 0,
    histogram: EDGE_BUCKETS_MS.map(() => 0),
  };
  bucket.count += 1;
  if (child.status.code === 'error') bucket.errors += 1;
  const slot = EDGE_BUCKETS_MS.findIndex((le) => child.duration_ms <= le);
  bucket.histogram[slot] = (bucket.histogram[slot] ?? 0) + 1;
  store.edges.putSync(key, bucket);
}

/**
 * What a trace is listed as: a server span's real method and path (`url.path`, which the kit records
 * without the query string, so no `?token=` reaches the list) rather than its route pattern; else the span's name.
 */
export function displayName(span: SpanRecord): string {
  const method = span.attributes['http.request.method'];
  const path = span.attributes['url.path'];
  if (span.kind !== 'server' || typeof method !== 'string' || typeof path !== 'string' || !method || !path)
    return span.name;
  return `${method} ${path.split('?', 1)[0]}`;
}

function updateSummary(store: CollectorStore, traceId: string, added: SpanRecord[]): void {
  const before = store.traces.get(traceId);
  const summary: TraceSummary = before
    ? { ...before, services: [...before.services], order_ids: [...before.order_ids] }
    : {
        trace_id: traceId,
        root_service: '',
        root_name: '',
        has_root: false,
        start_ms: Number.POSITIVE_INFINITY,
        end_ms: 0,
        span_count: 0,
        services: [],
        error: false,
        order_ids: [],
      };
  for (const span of added) {
    summary.span_count += 1;
    summary.end_ms = Math.max(summary.end_ms, span.start_ms + span.duration_ms);
    if (!summary.services.includes(span.service)) summary.services.push(span.service);
    if (span.status.code === 'error') summary.error = true;
    const orderId = span.attributes[ORDER_ID];
    if (typeof orderId === 'string' && !summary.order_ids.includes(orderId)) summary.order_ids.push(orderId);
    const isRoot = span.parent_span_id === null;
    // The root is the span without a parent; until it arrives, the earliest span stands in for it.
    if (isRoot || (!summary.has_root && span.start_ms < summary.start_ms)) {
      summary.root_service = span.service;
      summary.root_name = displayName(span);
      summary.has_root ||= isRoot;
    }
    summary.start_ms = Math.min(summary.start_ms, span.start_ms);
  }
  if (before && before.start_ms !== summary.start_ms)
    store.traceTimes.removeSync(`${timeKey(before.start_ms)}:${traceId}`);
  store.traceTimes.putSync(`${timeKey(summary.start_ms)}:${traceId}`, traceId);
  store.traces.putSync(traceId, summary);
}

/** The spans of one trace, by start time; empty when the trace is unknown. */
export function spansOf(store: CollectorStore, traceId: string): SpanRecord[] {
  const spans = [...store.spans.getRange(prefixRange(`${traceId}:`))].map((e) => e.value);
  return spans.sort((a, b) => (BigInt(a.start_unix_nano) < BigInt(b.start_unix_nano) ? -1 : 1));
}
