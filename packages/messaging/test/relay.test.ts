// The outbox relay on both brokers: order per aggregate, one active relay among several, and a
// broker that is away at publish time (the outbox holds the messages; the relay catches up).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserProfileUpdated } from '@emporium/contracts';
import { createPool, metricsRegistry, type Pool, withTransaction } from '@emporium/service-kit';
import { type BrokerProcess, brokersUnderTest, createTestDatabase, type TestDatabase } from '@emporium/testing';
import type { MessageBus } from '../src/bus.js';
import { connectBus } from '../src/connect.js';
import { watchRelay } from '../src/metrics.js';
import { publish } from '../src/outbox/outbox.js';
import { type OutboxRelay, startOutboxRelay } from '../src/outbox/relay.js';
import { ensureStreams } from '../src/runtime.js';
import { migrateMessaging } from '../src/schema.js';

const quiet = { info() {}, warn() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const [name, startBroker] of brokersUnderTest()) {
  describe(`outbox relay on the ${name}`, () => {
    let broker: BrokerProcess;
    let db: TestDatabase;
    let pool: Pool;
    let bus: MessageBus;
    const relays: OutboxRelay[] = [];
    const received: Array<{ user: string; seq: number }> = [];

    /** Commits `count` profile updates of `user`, numbered in `name`, in one transaction. */
    const commit = (user: string, from: number, count: number) =>
      withTransaction(pool, async (tx) => {
        for (let i = from; i < from + count; i++) {
          await publish(
            tx,
            UserProfileUpdated,
            {
              user_id: user,
              email: `${user}@example.test`,
              name: String(i),
              phone: null,
              address: null,
              updated_at: new Date().toISOString(),
            },
            { source: '/emporium/users', subject: user },
          );
        }
      });
    const unsent = async () =>
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0]?.n;

    before(async () => {
      broker = await startBroker();
      db = await createTestDatabase('relay');
      pool = createPool(db.url, 6);
      await migrateMessaging(pool);
      bus = await connectBus(broker.url, 'relay-test', () => {});
      await ensureStreams(bus, ['users']);
      await bus.consume(
        {
          durable: 'relay-probe',
          stream: 'EMPORIUM_USERS',
          filterSubjects: [UserProfileUpdated.type],
          ackWaitMs: 5000,
          maxDeliveries: 5,
          maxInFlight: 1,
        },
        async (delivery) => {
          const event = JSON.parse(Buffer.from(delivery.data).toString('utf8'));
          received.push({ user: event.subject, seq: Number(event.data.name) });
          await delivery.ack();
        },
      );
      // Two relays on one database, as two instances of a service would run: one must lead.
      for (let i = 0; i < 2; i++)
        relays.push(startOutboxRelay({ pool, databaseUrl: db.url, bus, log: quiet, pollIntervalMs: 200 }));
    });
    after(async () => {
      await Promise.all(relays.map((r) => r.stop()));
      await bus.close();
      await pool.end();
      await db.drop();
      await broker.stop();
    });

    it('publishes each aggregate in commit order, once, with two relays running', async () => {
      const users = Array.from({ length: 4 }, () => crypto.randomUUID());
      for (let round = 0; round < 5; round++) {
        await Promise.all(users.map((user) => commit(user, round * 10, 10)));
      }
      const deadline = Date.now() + 20_000;
      while (received.length < 200 && Date.now() < deadline) await sleep(100);
      await sleep(500);
      assert.equal(received.length, 200, 'each message once');
      for (const user of users) {
        const seqs = received.filter((r) => r.user === user).map((r) => r.seq);
        assert.deepEqual(
          seqs,
          Array.from({ length: 50 }, (_, i) => i),
          `order of ${user}`,
        );
      }
      assert.equal(await unsent(), 0);
      assert.equal((await relays[0]?.backlog())?.count, 0);
    });

    it('holds messages while the broker is away, and catches up when it returns', async () => {
      const user = crypto.randomUUID();
      const before = received.length;
      await broker.down();
      await commit(user, 0, 20); // the service keeps committing while the broker is away
      await sleep(700);
      assert.equal(await unsent(), 20, 'nothing is lost or marked sent while the broker is down');
      const backlog = await relays[0]?.backlog();
      assert.equal(backlog?.count, 20);
      assert.ok((backlog?.oldestAgeMs ?? 0) >= 500);
      const relay = relays[0];
      if (relay) {
        const unwatch = watchRelay(relay);
        const gauge = await metricsRegistry.getSingleMetricAsString('emporium_outbox_backlog_messages');
        unwatch();
        assert.match(gauge, /emporium_outbox_backlog_messages(\{[^}]*\})? 20$/m, 'the backlog is a metric');
      }
      await broker.up();
      const deadline = Date.now() + 30_000;
      while (received.length < before + 20 && Date.now() < deadline) await sleep(100);
      assert.deepEqual(
        received.filter((r) => r.user === user).map((r) => r.seq),
        Array.from({ length: 20 }, (_, i) => i),
      );
      assert.equal(await unsent(), 0);
    });
  });
}
