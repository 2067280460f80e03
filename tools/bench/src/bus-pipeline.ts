// One measured pipeline: a producer database whose outbox a relay publishes (in this process), a broker,
// and a consumer process (bus-consumer.ts) whose handler records when each event was handled.
import { fileURLToPath } from 'node:url';
import { createEnvelope, UserRegistered } from '@emporium/contracts';
import {
  connectBus,
  ensureStreams,
  type MessageBus,
  migrateMessaging,
  type OutgoingMessage,
  publishAll,
  startOutboxRelay,
} from '@emporium/messaging';
import { createPool, withTransaction } from '@emporium/service-kit';
import { startReadyProcess, stopProcess } from '@emporium/testing';

const quiet = { info() {}, warn() {}, error() {} };

export interface Pipeline {
  /** Commits `count` events in transactions of `perTransaction`. */
  commit(count: number, perTransaction: number): Promise<void>;
  handledCount(): Promise<number>;
  /** Seconds from the first outbox commit to the last broker ack (relay), and to the last handler commit. */
  spans(): Promise<{ relayed: number; handled: number }>;
  /** Commit-to-handled latency percentiles (ms) of the events handled since the last reset. */
  latency(): Promise<{ p50: number; p99: number }>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openPipeline(busUrl: string, producerUrl: string, consumerUrl: string): Promise<Pipeline> {
  const producer = createPool(producerUrl, 8);
  const consumer = createPool(consumerUrl, 8);
  await migrateMessaging(producer);
  const producerBus: MessageBus = await connectBus(busUrl, 'bench-producer', () => {});
  await ensureStreams(producerBus, ['users']);
  const relay = startOutboxRelay({
    pool: producer,
    databaseUrl: producerUrl,
    bus: producerBus,
    log: quiet,
    batchSize: 1000,
  });
  const consumerProcess = await startConsumerProcess(busUrl, consumerUrl);
  return {
    async commit(count, perTransaction) {
      for (let done = 0; done < count; done += perTransaction) {
        await withTransaction(producer, (tx) =>
          publishAll(tx, Array.from({ length: Math.min(perTransaction, count - done) }, registration)),
        );
      }
    },
    handledCount: async () =>
      (await consumer.query<{ n: number }>('SELECT count(*)::int AS n FROM effects')).rows[0]?.n ?? 0,
    async spans() {
      const relay = await producer.query<{ first: Date; last: Date }>(
        'SELECT min(created_at) AS first, max(published_at) AS last FROM outbox',
      );
      const handled = await consumer.query<{ last: Date }>('SELECT max(handled_at) AS last FROM effects');
      const first = relay.rows[0]?.first.getTime() ?? 0;
      return {
        relayed: ((relay.rows[0]?.last.getTime() ?? 0) - first) / 1000,
        handled: ((handled.rows[0]?.last.getTime() ?? 0) - first) / 1000,
      };
    },
    async latency() {
      const { rows } = await consumer.query<{ p50: number; p99: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM handled_at - committed_at) * 1000 AS ms FROM effects) t`,
      );
      return { p50: rows[0]?.p50 ?? Number.NaN, p99: rows[0]?.p99 ?? Number.NaN };
    },
    reset: async () => void (await consumer.query('TRUNCATE effects')),
    async close() {
      await stopProcess(consumerProcess, 'SIGTERM');
      await relay.stop();
      await producerBus.close();
      await producer.end();
      await consumer.end();
    },
  };
}

function registration(): OutgoingMessage {
  const userId = crypto.randomUUID();
  return {
    definition: UserRegistered,
    data: { user_id: userId, email: `${userId}@bench.test`, name: 'Bench', registered_at: new Date().toISOString() },
    context: { source: '/emporium/users', subject: userId },
  };
}

/** A raw publish/consume round trip on the bus alone (no outbox, no inbox): the broker's own ceiling. */
export async function rawBaseline(busUrl: string, count: number): Promise<number> {
  const bus = await connectBus(busUrl, 'bench-raw', () => {});
  await ensureStreams(bus, ['users']);
  let handled = 0;
  const started = performance.now();
  const sub = await bus.consume(
    {
      durable: 'bench-raw',
      stream: 'EMPORIUM_USERS',
      filterSubjects: ['emporium.users.UserRegistered.v1'],
      ackWaitMs: 30_000,
      maxDeliveries: 3,
      maxInFlight: 64,
    },
    async (delivery) => {
      handled += 1;
      await delivery.ack();
    },
  );
  const data = Buffer.from(
    JSON.stringify(
      createEnvelope(
        UserRegistered,
        { user_id: crypto.randomUUID(), email: 'raw@bench.test', name: 'Raw', registered_at: new Date().toISOString() },
        { source: '/bench' },
      ),
    ),
  );
  for (let sent = 0; sent < count; sent += 64) {
    await Promise.all(
      Array.from({ length: Math.min(64, count - sent) }, () =>
        bus.publish({ subject: UserRegistered.type, id: crypto.randomUUID(), data }),
      ),
    );
  }
  while (handled < count) await new Promise((r) => setTimeout(r, 5));
  const rate = count / ((performance.now() - started) / 1000);
  await sub.stop();
  await bus.close();
  return rate;
}

const CONSUMER = fileURLToPath(new URL('./bus-consumer.js', import.meta.url));

const startConsumerProcess = (busUrl: string, databaseUrl: string) =>
  startReadyProcess(CONSUMER, [], { BUS_URL: busUrl, DATABASE_URL: databaseUrl });
