// Forwards the JSON log lines that the runtime's processes print to the local collector
// (POST /v1/ingest/logs), in batches: the processes only write to stdout, as they would under
// Kubernetes, and the runtime plays the log agent's part. Lines wait while the collector is down
// (at most MAX_BUFFER, the oldest dropped first) and are sent when it answers again.

const FLUSH_EVERY_MS = 500;
const MAX_BATCH = 1000;
const MAX_BUFFER = 20_000;

export interface LogShipper {
  ship(process: string, line: string): void;
  /** Sends what is buffered (one attempt) and stops. */
  stop(): Promise<void>;
}

export function startLogShipper(collectorUrl: string): LogShipper {
  let buffer: object[] = [];
  let sending: Promise<void> | undefined;
  const send = async () => {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, MAX_BATCH);
      try {
        const res = await fetch(`${collectorUrl}/v1/ingest/logs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items: batch }),
          signal: AbortSignal.timeout(5000),
        });
        await res.body?.cancel();
        // A refused batch (4xx) would be refused again: drop it; anything else, try later.
        if (res.status >= 500) return;
      } catch {
        return;
      }
      buffer = buffer.slice(batch.length);
    }
  };
  const flush = () => {
    sending ??= send().finally(() => {
      sending = undefined;
    });
    return sending;
  };
  const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    ship(process, line) {
      if (!line.startsWith('{')) return;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
      const record = entry as Record<string, unknown>;
      if (typeof record.time !== 'string' && typeof record.time !== 'number') return;
      buffer.push(typeof record.service === 'string' ? record : { ...record, service: process });
      if (buffer.length > MAX_BUFFER) buffer = buffer.slice(buffer.length - MAX_BUFFER);
    },
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
