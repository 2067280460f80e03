// Runs a service's message handlers: one durable consumer per source stream (instances of the service
// compete), each delivery decoded and validated, handled in a transaction with the inbox, acked after
// commit; refused or repeatedly failing messages are dead-lettered and the consumer keeps going.
import { streamOf } from '@emporium/contracts';
import { type Pool, withTransaction } from '@emporium/service-kit';
import { context } from '@opentelemetry/api';
import type { Delivery, MessageBus, Subscription } from '../bus.js';
import { claimMessage, claimMessages } from '../inbox/inbox.js';
import { consumedMessages, consumerPending, deadLetters, redeliveries } from '../metrics.js';
import { createBatcher } from './batcher.js';
import { type ConsumeSpan, startConsumeSpan } from './consume-span.js';
import { deadLetter } from './dead-letter.js';
import { decodeMessage } from './decode.js';
import type { MessageHandler } from './handlers.js';

export interface ConsumerSettings {
  /** Deliveries of a failing message before it is dead-lettered. */
  maxDeliveries: number;
  /** Wait before the n-th redelivery of a failing message (the last value repeats). */
  retryDelaysMs: number[];
  ackWaitMs: number;
  maxInFlight: number;
  /** How many deliveries that arrive together may share one transaction. */
  maxBatch: number;
}

interface Ready {
  delivery: Delivery;
  envelope: Parameters<MessageHandler['handle']>[1];
  handler: MessageHandler;
  span: ConsumeSpan;
}

export const DEFAULT_CONSUMER_SETTINGS: ConsumerSettings = {
  maxDeliveries: 5,
  retryDelaysMs: [500, 2000, 10_000, 30_000],
  ackWaitMs: 30_000,
  maxInFlight: 16,
  maxBatch: 32,
};

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  /** Messages of the stream that this service has no handler for. */
  skipped: number;
}

export interface Consumers {
  stats(): ConsumerStats;
  stop(): Promise<void>;
}

type Log = { warn(o: object, m: string): void; error(o: object, m: string): void };

export const durableName = (service: string, source: string) => `${service}-from-${source}`;

export async function startConsumers(options: {
  bus: MessageBus;
  pool: Pool;
  service: string;
  handlers: MessageHandler[];
  log: Log;
  settings?: Partial<ConsumerSettings>;
}): Promise<Consumers> {
  const { bus, pool, service, log } = options;
  const settings = { ...DEFAULT_CONSUMER_SETTINGS, ...options.settings };
  const stats: ConsumerStats = { handled: 0, duplicates: 0, retried: 0, deadLettered: 0, skipped: 0 };
  const byType = new Map(options.handlers.map((h) => [h.message.type, h]));
  const sources = [...new Set(options.handlers.map((h) => h.message.service))];

  const refuse = async (durable: string, delivery: Delivery, reason: string) => {
    try {
      await deadLetter(bus, durable, delivery, reason);
      stats.deadLettered += 1;
      consumedMessages.inc({ consumer: durable, outcome: 'dead_lettered' });
      deadLetters.inc({ consumer: durable });
      log.warn({ consumer: durable, id: delivery.id, subject: delivery.subject, reason }, 'message dead-lettered');
    } catch (error) {
      log.error({ err: error, consumer: durable, id: delivery.id }, 'cannot dead-letter; will retry');
      await delivery.nak(settings.retryDelaysMs.at(-1) ?? 5000);
    }
  };

  const count = (durable: string, fresh: boolean) => {
    if (fresh) stats.handled += 1;
    else stats.duplicates += 1;
    consumedMessages.inc({ consumer: durable, outcome: fresh ? 'handled' : 'duplicate' });
  };

  /** Handles one message in its own transaction; on failure, retries later or dead-letters it. */
  const handleOne = async (durable: string, { delivery, envelope, handler, span }: Ready) => {
    try {
      const fresh = await context.with(span.context, () =>
        withTransaction(pool, async (tx) => {
          if (!(await claimMessage(tx, durable, envelope.id, envelope.type))) return false;
          await handler.handle(tx, envelope, { log });
          return true;
        }),
      );
      await delivery.ack();
      count(durable, fresh);
      span.end(fresh ? 'handled' : 'duplicate');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (delivery.deliveryCount >= settings.maxDeliveries) {
        span.end('dead_lettered', error);
        return refuse(durable, delivery, `handler failed ${delivery.deliveryCount} times: ${message}`);
      }
      span.end('retried', error);
      stats.retried += 1;
      consumedMessages.inc({ consumer: durable, outcome: 'retried' });
      log.warn(
        { err: error, consumer: durable, id: envelope.id, delivery: delivery.deliveryCount },
        'handler failed; will retry',
      );
      const delays = settings.retryDelaysMs;
      await delivery.nak(delays[Math.min(delivery.deliveryCount - 1, delays.length - 1)] ?? 1000);
    }
  };

  /**
   * Messages that arrived together share one transaction (one inbox insert, one commit). If any
   * handler fails, that transaction rolls back whole and each message is handled on its own, so one
   * bad message cannot hold back the others.
   */
  const handleBatch = (durable: string) => async (batch: Ready[]) => {
    const [only] = batch;
    if (batch.length === 1 && only) return handleOne(durable, only);
    let firsts: boolean[];
    try {
      firsts = await withTransaction(pool, async (tx) => {
        const fresh = await claimMessages(
          tx,
          durable,
          batch.map((r) => r.envelope),
        );
        const seen = new Set<string>();
        const results: boolean[] = [];
        for (const { envelope, handler, span } of batch) {
          const first = fresh.has(envelope.id) && !seen.has(envelope.id);
          seen.add(envelope.id);
          if (first) await context.with(span.context, () => handler.handle(tx, envelope, { log }));
          results.push(first);
        }
        return results;
      });
    } catch {
      for (const ready of batch) await handleOne(durable, ready);
      return;
    }
    await Promise.all(batch.map((r) => r.delivery.ack()));
    firsts.forEach((first, i) => {
      count(durable, first);
      batch[i]?.span.end(first ? 'handled' : 'duplicate');
    });
  };

  const onDelivery = (durable: string) => {
    const batcher = createBatcher(handleBatch(durable), settings.maxBatch);
    return async (delivery: Delivery) => {
      if (delivery.deliveryCount > 1) redeliveries.inc({ consumer: durable });
      if (delivery.pending !== undefined) consumerPending.set({ consumer: durable }, delivery.pending);
      const decoded = decodeMessage(delivery.data);
      if (!decoded.ok) return refuse(durable, delivery, decoded.reason);
      const handler = byType.get(decoded.envelope.type);
      if (!handler) {
        // A known message this service does not handle, on a stream it reads whole (see filtersFor).
        await delivery.ack();
        stats.skipped += 1;
        consumedMessages.inc({ consumer: durable, outcome: 'skipped' });
        return;
      }
      const span = startConsumeSpan(durable, delivery, decoded.envelope);
      await batcher.add({ delivery, envelope: decoded.envelope as Ready['envelope'], handler, span });
    };
  };

  const subscriptions: Subscription[] = [];
  try {
    await subscribeAll();
  } catch (error) {
    // All or nothing: a caller that retries must not end up with two subscriptions for one source.
    await Promise.all(subscriptions.map((s) => s.stop()));
    throw error;
  }
  async function subscribeAll() {
    for (const source of sources) {
      const durable = durableName(service, source);
      const types = options.handlers.filter((h) => h.message.service === source).map((h) => h.message.type);
      subscriptions.push(
        await bus.consume(
          {
            durable,
            stream: streamOf(source).name,
            filterSubjects: filtersFor(source, types),
            ackWaitMs: settings.ackWaitMs,
            // The broker's own limit sits above ours, so the consumer, not the broker, decides to dead-letter.
            maxDeliveries: settings.maxDeliveries + 2,
            maxInFlight: settings.maxInFlight,
          },
          onDelivery(durable),
        ),
      );
    }
  }
  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
    },
  };
}

/**
 * One type: a filter on exactly it. Several: the whole stream, because NATS servers before 2.10 take
 * only one filter subject per consumer; types without a handler are then acked and skipped.
 */
function filtersFor(source: string, types: string[]): string[] {
  return types.length === 1 ? types : streamOf(source).subjects;
}
