// The collector's embedded store: one LMDB environment under the data folder, one named database per
// kind of record. Keys are strings that sort by time (zero-padded milliseconds) or by trace, so time
// windows and retention are range scans.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, open, type RootDatabase } from 'lmdb';
import type { EdgeBucket, LogRecord, SampleRecord, SpanRecord, TraceSummary } from './records.js';

export interface CollectorStore {
  root: RootDatabase;
  /** `<trace_id>:<span_id>` → span. */
  spans: Database<SpanRecord, string>;
  /** `<trace_id>:<parent_span_id>:<span_id>` → child span id, to pair spans that arrive child first. */
  children: Database<string, string>;
  /** trace id → summary. */
  traces: Database<TraceSummary, string>;
  /** `<start ms>:<trace_id>` → trace id: traces by time, newest last. */
  traceTimes: Database<string, string>;
  /** `<time ms>:<seq>` → log line. */
  logs: Database<LogRecord, string>;
  /** `<trace_id>:<log key>` → log key. */
  logsByTrace: Database<string, string>;
  /** `<time ms>:<target>:<instance>` → scrape sample. */
  samples: Database<SampleRecord, string>;
  /** `<minute ms>:<from>:<to>:<kind>` → edge observations in that minute. */
  edges: Database<EdgeBucket, string>;
  close(): Promise<void>;
}

/** Zero-padded milliseconds: string order is time order. */
export const timeKey = (ms: number) => Math.max(0, Math.floor(ms)).toString().padStart(14, '0');

/** The keys that start with `prefix`: from `prefix` up to (not including) the next string after it. */
export const prefixRange = (prefix: string) => ({ start: prefix, end: `${prefix}\uffff` });

export function openStore(dataDir: string): CollectorStore {
  mkdirSync(dataDir, { recursive: true });
  const root = open({ path: join(dataDir, 'collector.mdb'), maxDbs: 12 });
  return {
    root,
    spans: root.openDB({ name: 'spans' }),
    children: root.openDB({ name: 'children' }),
    traces: root.openDB({ name: 'traces' }),
    traceTimes: root.openDB({ name: 'trace-times' }),
    logs: root.openDB({ name: 'logs' }),
    logsByTrace: root.openDB({ name: 'logs-by-trace' }),
    samples: root.openDB({ name: 'samples' }),
    edges: root.openDB({ name: 'edges' }),
    close: () => root.close(),
  };
}
