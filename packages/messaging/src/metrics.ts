// Messaging metrics (Prometheus, in the service's /metrics): what consumers did with each delivery,
// and how far behind the outbox is.
import { Counter, Gauge } from 'prom-client';
import type { OutboxRelay } from './outbox/relay.js';

export type ConsumeOutcome = 'handled' | 'duplicate' | 'retried' | 'dead_lettered' | 'skipped';

export const consumedMessages = new Counter({
  name: 'emporium_messages_consumed_total',
  help: 'Deliveries by consumer and outcome (handled, duplicate, retried, dead_lettered, skipped)',
  labelNames: ['consumer', 'outcome'] as const,
});

const relays = new Set<OutboxRelay>();

/** Backlog figures are read from the database when Prometheus scrapes, from every relay of the process. */
async function backlog(): Promise<{ count: number; oldestAgeMs: number }> {
  let count = 0;
  let oldestAgeMs = 0;
  for (const relay of relays) {
    const b = await relay.backlog().catch(() => ({ count: 0, oldestAgeMs: 0 }));
    count += b.count;
    oldestAgeMs = Math.max(oldestAgeMs, b.oldestAgeMs);
  }
  return { count, oldestAgeMs };
}

new Gauge({
  name: 'emporium_outbox_backlog_messages',
  help: 'Outbox messages committed but not yet published',
  async collect() {
    this.set((await backlog()).count);
  },
});

new Gauge({
  name: 'emporium_outbox_oldest_age_seconds',
  help: 'Age of the oldest unpublished outbox message (0 when none)',
  async collect() {
    this.set((await backlog()).oldestAgeMs / 1000);
  },
});

export function watchRelay(relay: OutboxRelay): () => void {
  relays.add(relay);
  return () => relays.delete(relay);
}
