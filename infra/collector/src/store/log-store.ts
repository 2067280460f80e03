// Storing log lines by time, with an index by trace id so a trace's logs are one range scan.
import type { LogRecord } from './records.js';
import { type CollectorStore, timeKey } from './store.js';

let sequence = 0;

export function storeLogs(store: CollectorStore, records: LogRecord[]): void {
  store.root.transactionSync(() => {
    for (const record of records) {
      sequence = (sequence + 1) % 1_000_000_000;
      const key = `${timeKey(record.time_ms)}:${String(sequence).padStart(9, '0')}:${process.pid}`;
      store.logs.putSync(key, record);
      if (record.trace_id) store.logsByTrace.putSync(`${record.trace_id}:${key}`, key);
    }
  });
}
