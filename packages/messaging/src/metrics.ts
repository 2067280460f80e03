// Messaging metrics (Prometheus, in the service's /metrics): what consumers did with each delivery,
// and how far behind the outbox is.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { OutboxRelay } from './outbox/relay.js';

export type ConsumeOutcome = 'handled' | 'duplicate' | 'retried' | 'dead_lettered' | 'skipped';

export const consumedMessages = new Counter({
  name: 'emporium_messages_consumed_total',
  help: 'Deliveries by consumer and outcome (handled, duplicate, retried, dead_lettered, skipped)',
  labelNames: ['consumer', 'outcome'] as const,
});

export const redeliveries = new Counter({
  name: 'emporium_messages_redelivered_total',
  help: 'Deliveries that were not the first of their message (a retry after a failure or an ack timeout), by consumer',
  labelNames: ['consumer'] as const,
});

export const deadLetters = new Counter({
  name: 'emporium_dead_letters_total',
  help: 'Messages this process dead-lettered, by consumer',
  labelNames: ['consumer'] as const,
});

/** Consumer lag as a count, from the broker's figure on each delivery (NATS reports it; the embedded broker does not). */
export const consumerPending = new Gauge({
  name: 'emporium_consumer_pending_messages',
  help: 'Messages waiting for this consumer, as the broker reported with the latest delivery',
  labelNames: ['consumer'] as const,
});

/** Consumer lag as time: from the message's creation (envelope time) to its handling committed. */
export const messageLag = new Histogram({
  name: 'emporium_message_lag_seconds',
  help: 'Seconds from a message being produced (envelope time) to its handling being committed, by consumer',
  labelNames: ['consumer'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
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
