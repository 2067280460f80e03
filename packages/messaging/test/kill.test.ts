// Kill tests with real processes: a relay killed between commit and publish, a consumer killed
// mid-handler, and the broker killed, on NATS JetStream and on the embedded broker. Every event
// committed to the outbox must have exactly one effect.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserRegistered } from '@emporium/contracts';
import { createPool, type Pool, withTransaction } from '@emporium/service-kit';
import {
  type BrokerProcess,
  brokersUnderTest,
  createTestDatabase,
  startReadyProcess,
  stopProcess,
  type TestDatabase,
} from '@emporium/testing';
import { publish } from '../src/outbox/outbox.js';
import { migrateMessaging } from '../src/schema.js';

const WORKER = resolve(import.meta.dirname, 'fixtures/worker.js');
const EVENTS = 400;

const startWorker = (role: 'relay' | 'consumer', databaseUrl: string, busUrl: string) =>
  startReadyProcess(WORKER, [role], { DATABASE_URL: databaseUrl, BUS_URL: busUrl });
const kill = (child: ChildProcess) => stopProcess(child, 'SIGKILL');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const [name, startBroker] of brokersUnderTest()) {
  describe(`kill tests on the ${name}`, () => {
    let broker: BrokerProcess;
    let producerDb: TestDatabase;
    let consumerDb: TestDatabase;
    let producer: Pool;
    let consumer: Pool;
    const workers: ChildProcess[] = [];

    before(async () => {
      broker = await startBroker();
      producerDb = await createTestDatabase('kill_producer');
      consumerDb = await createTestDatabase('kill_consumer');
      producer = createPool(producerDb.url, 4);
      consumer = createPool(consumerDb.url, 4);
      await migrateMessaging(producer);
    });
    after(async () => {
      await Promise.all(workers.map(kill));
      await producer.end();
      await consumer.end();
      await producerDb.drop();
      await consumerDb.drop();
      await broker.stop();
    });

    it('loses nothing and doubles nothing when relay, consumer and broker are killed', async () => {
      const ids: string[] = [];
      for (let batch = 0; batch < EVENTS / 20; batch++) {
        await withTransaction(producer, async (tx) => {
          for (let i = 0; i < 20; i++) {
            const userId = crypto.randomUUID();
            ids.push(userId);
            await publish(
              tx,
              UserRegistered,
              { user_id: userId, email: `${userId}@example.test`, name: 'K', registered_at: new Date().toISOString() },
              { source: '/emporium/users', subject: userId },
            );
          }
        });
      }
      workers.push(await startWorker('consumer', consumerDb.url, broker.url));
      const relay = await startWorker('relay', producerDb.url, broker.url);
      await sleep(150);
      await kill(relay); // between commits and publishes: part of the outbox is still unsent
      workers.push(await startWorker('relay', producerDb.url, broker.url));
      await sleep(200);
      const firstConsumer = workers[0];
      if (firstConsumer) await kill(firstConsumer); // mid-handler: some deliveries were never acked
      await broker.crash();
      workers.push(await startWorker('consumer', consumerDb.url, broker.url));

      const count = async () =>
        (
          await consumer.query<{ n: number; distinct: number }>(
            'SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS distinct FROM effects',
          )
        ).rows[0] ?? { n: 0, distinct: 0 };
      const deadline = Date.now() + 60_000;
      while ((await count()).distinct < EVENTS && Date.now() < deadline) await sleep(200);
      await sleep(1500); // late redeliveries would show up here as doubles
      const { n, distinct } = await count();
      assert.equal(distinct, EVENTS, 'every committed event has an effect');
      assert.equal(n, EVENTS, 'no event has two effects');
      const unsent = await producer.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      assert.equal(unsent.rows[0].n, 0);
      const handled = await consumer.query<{ id: string }>('SELECT user_id AS id FROM effects');
      assert.deepEqual(new Set(handled.rows.map((r) => r.id)), new Set(ids));
    });
  });
}
