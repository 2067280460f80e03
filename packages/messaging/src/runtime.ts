// A service's messaging, started once from main.ts: its outbox and inbox tables, the streams it
// touches, the outbox relay, and its consumers. The broker being down does not stop the service:
// the outbox keeps what it publishes, and consumers resume when the broker is back.
import { type MessageDefinition, streamOf } from '@emporium/contracts';
import type { Pool } from '@emporium/service-kit';
import { DEAD_LETTER_STREAM, type MessageBus } from './bus.js';
import { connectBus } from './connect.js';
import { type ConsumerSettings, type ConsumerStats, type Consumers, startConsumers } from './consumer/consumer.js';
import type { MessageHandler } from './consumer/handlers.js';
import { watchRelay } from './metrics.js';
import { type OutboxRelay, startOutboxRelay } from './outbox/relay.js';
import { migrateMessaging } from './schema.js';

const DAY = 24 * 3_600_000;
export const STREAM_MAX_AGE_MS = 7 * DAY;
export const DUPLICATE_WINDOW_MS = 2 * 60_000;

type Log = {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
};

export interface MessagingOptions {
  service: string;
  pool: Pool;
  databaseUrl: string;
  bus: MessageBus;
  log: Log;
  /** What the service publishes (its events, and the commands it sends to others). */
  publishes: readonly MessageDefinition[];
  /** What it consumes, and why. */
  handlers: readonly MessageHandler[];
  consumerSettings?: Partial<ConsumerSettings>;
}

export interface Messaging {
  relay: OutboxRelay;
  consumerStats(): ConsumerStats;
  /** True once the streams exist and the consumers run. */
  isConsuming(): boolean;
  stop(): Promise<void>;
}

/** Creates (or updates) every stream this service publishes to or consumes from, and the dead-letter stream. */
export async function ensureStreams(bus: MessageBus, services: Iterable<string>): Promise<void> {
  for (const service of new Set(services)) {
    const { name, subjects } = streamOf(service);
    await bus.ensureStream({ name, subjects, maxAgeMs: STREAM_MAX_AGE_MS, duplicateWindowMs: DUPLICATE_WINDOW_MS });
  }
  await bus.ensureStream({
    name: DEAD_LETTER_STREAM,
    subjects: ['emporium.deadletter.>'],
    maxAgeMs: 30 * DAY,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
  });
}

/**
 * Starts messaging without waiting for the broker: migrations run now; streams and consumers are set
 * up in the background, retried until the broker answers; the relay publishes once it can.
 */
export async function startMessaging(options: MessagingOptions): Promise<Messaging> {
  const { service, pool, bus, log } = options;
  await migrateMessaging(pool);
  const relay = startOutboxRelay({ pool, databaseUrl: options.databaseUrl, bus, log });
  const unwatch = watchRelay(relay);
  let consumers: Consumers | undefined;
  let stopped = false;
  const connecting = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await ensureStreams(bus, [
          service,
          ...options.publishes.map((m) => m.service),
          ...options.handlers.map((h) => h.message.service),
        ]);
        if (stopped) return;
        consumers = await startConsumers({
          bus,
          pool,
          service,
          handlers: [...options.handlers],
          log,
          ...(options.consumerSettings ? { settings: options.consumerSettings } : {}),
        });
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 30 === 0) log.warn({ err: error }, 'broker not ready; messaging will retry');
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * attempt)));
      }
    }
  })();
  return {
    relay,
    consumerStats: () => consumers?.stats() ?? { handled: 0, duplicates: 0, retried: 0, deadLettered: 0, skipped: 0 },
    isConsuming: () => consumers !== undefined,
    async stop() {
      stopped = true;
      await connecting;
      await consumers?.stop();
      await relay.stop();
      unwatch();
    },
  };
}

/**
 * For a service's main.ts: connects to BUS_URL, starts messaging, and stops it when the app closes,
 * before the database pool (preClose runs ahead of onClose), so in-flight handlers finish first.
 */
export async function attachMessaging(
  app: {
    log: Log;
    addHook(name: 'preClose', hook: () => Promise<void>): unknown;
  },
  options: Omit<MessagingOptions, 'bus' | 'log'> & { busUrl: string },
): Promise<Messaging> {
  const bus = await connectBus(options.busUrl, options.service, (error) =>
    app.log.warn({ err: error }, 'message bus error'),
  );
  const messaging = await startMessaging({ ...options, bus, log: app.log });
  app.addHook('preClose', async () => {
    await messaging.stop();
    await bus.close();
  });
  return messaging;
}
