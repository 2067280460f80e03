// Time-based retention: everything older than the cutoff goes, oldest first, in bounded batches so a
// large backlog does not hold the write lock for long.
import type { CollectorStore } from './store.js';
import { prefixRange, timeKey } from './store.js';

const BATCH = 2000;

export interface PruneResult {
  traces: number;
  logs: number;
  samples: number;
  edges: number;
}

export function pruneOlderThan(store: CollectorStore, cutoffMs: number): PruneResult {
  const end = timeKey(cutoffMs);
  const result: PruneResult = { traces: 0, logs: 0, samples: 0, edges: 0 };
  for (;;) {
    const removed = store.root.transactionSync(() => {
      const counts = {
        traces: pruneTraces(store, end),
        logs: pruneLogs(store, end),
        samples: removeBefore(store.samples, end),
        edges: removeBefore(store.edges, end),
      };
      result.traces += counts.traces;
      result.logs += counts.logs;
      result.samples += counts.samples;
      result.edges += counts.edges;
      return counts.traces + counts.logs + counts.samples + counts.edges;
    });
    if (removed === 0) return result;
  }
}

function pruneTraces(store: CollectorStore, end: string): number {
  let n = 0;
  for (const { key, value: traceId } of store.traceTimes.getRange({ end, limit: BATCH })) {
    for (const { key: spanKey } of store.spans.getRange(prefixRange(`${traceId}:`))) store.spans.removeSync(spanKey);
    for (const { key: childKey } of store.children.getRange(prefixRange(`${traceId}:`)))
      store.children.removeSync(childKey);
    store.traces.removeSync(traceId);
    store.traceTimes.removeSync(key);
    n += 1;
  }
  return n;
}

function pruneLogs(store: CollectorStore, end: string): number {
  let n = 0;
  for (const { key, value } of store.logs.getRange({ end, limit: BATCH })) {
    if (value.trace_id) store.logsByTrace.removeSync(`${value.trace_id}:${key}`);
    store.logs.removeSync(key);
    n += 1;
  }
  return n;
}

function removeBefore(db: CollectorStore['samples'] | CollectorStore['edges'], end: string): number {
  let n = 0;
  for (const { key } of db.getRange({ end, limit: BATCH })) {
    db.removeSync(key);
    n += 1;
  }
  return n;
}
