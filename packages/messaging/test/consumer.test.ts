// The consumer runtime on both brokers: bad messages are dead-lettered with the reason and never block
// the good ones behind them; a failing handler is retried, then dead-lettered; a redelivered message
// has no second effect; a dead letter replayed after the fix is handled once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, UserProfileUpdated, UserRegistered } from '@emporium/contracts';
import { createPool, metricsRegistry, type Pool } from '@emporium/service-kit';
import { type BrokerProcess, brokersUnderTest, createTestDatabase, type TestDatabase } from '@emporium/testing';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM, type MessageBus } from '../src/bus.js';
import { connectBus } from '../src/connect.js';
import { type Consumers, startConsumers } from '../src/consumer/consumer.js';
import { on } from '../src/consumer/handlers.js';
import { ensureStreams } from '../src/runtime.js';
import { migrateMessaging } from '../src/schema.js';

const quiet = { warn() {}, error() {} };

/** emporium_messages_consumed_total of the probe consumer for one outcome, as Prometheus would scrape it. */
async function consumed(outcome: string): Promise<number> {
  const text = await metricsRegistry.getSingleMetricAsString('emporium_messages_consumed_total');
  const line = new RegExp(`\\{[^}]*consumer="probe-from-users",outcome="${outcome}"[^}]*\\} (\\d+)`).exec(text);
  return Number(line?.[1] ?? 0);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const registration = (name = 'Ada') => {
  const userId = crypto.randomUUID();
  return createEnvelope(
    UserRegistered,
    { user_id: userId, email: `${userId}@example.test`, name, registered_at: new Date().toISOString() },
    { source: '/emporium/users', subject: userId },
  );
};

for (const [name, startBroker] of brokersUnderTest()) {
  describe(`consumers on the ${name}`, () => {
    let broker: BrokerProcess;
    let db: TestDatabase;
    let pool: Pool;
    let bus: MessageBus;
    let consumers: Consumers;
    let failNames = new Set<string>();

    const send = (subject: string, id: string, body: string | object) =>
      bus.publish({ subject, id, data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
    const effects = async () =>
      (await pool.query<{ name: string }>('SELECT name FROM effects ORDER BY at')).rows.map((r) => r.name);
    const deadLetters = async () =>
      (await bus.read(DEAD_LETTER_STREAM, 1, 1000)).map((m) => ({
        id: m.headers?.[DEAD_LETTER_HEADERS.originalId],
        reason: m.headers?.[DEAD_LETTER_HEADERS.reason] ?? '',
      }));

    before(async () => {
      broker = await startBroker();
      db = await createTestDatabase('consumers');
      pool = createPool(db.url, 4);
      await migrateMessaging(pool);
      await pool.query('CREATE TABLE effects (name text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())');
      bus = await connectBus(broker.url, 'consumer-test', () => {});
      await ensureStreams(bus, ['users']);
      consumers = await startConsumers({
        bus,
        pool,
        service: 'probe',
        log: quiet,
        settings: { maxDeliveries: 3, retryDelaysMs: [100, 200], ackWaitMs: 2000, maxInFlight: 1 },
        handlers: [
          on(UserRegistered, 'test effects', async (tx, event) => {
            await tx.query('INSERT INTO effects (name) VALUES ($1)', [event.data.name]);
            if (failNames.has(event.data.name)) throw new Error(`refusing ${event.data.name}`);
          }),
          // A second type from the same stream: the consumer then reads the whole stream (one filter).
          on(UserProfileUpdated, 'test effects', async (tx, event) => {
            await tx.query('INSERT INTO effects (name) VALUES ($1)', [`profile of ${event.data.name}`]);
          }),
        ],
      });
    });
    after(async () => {
      await consumers.stop();
      await bus.close();
      await pool.end();
      await db.drop();
      await broker.stop();
    });

    it('dead-letters malformed JSON, a foreign envelope and schema-invalid data, and keeps going', async () => {
      const deadLetteredBefore = await consumed('dead_lettered');
      const subject = UserRegistered.type;
      await send(subject, 'bad-json', '{"specversion": "1.0", ');
      await send(subject, 'not-cloudevents', { hello: 'world' });
      const invalid = registration('Invalid');
      await send(subject, invalid.id, { ...invalid, data: { ...invalid.data, user_id: 'nope' } });
      const good = registration('Good after bad');
      await send(subject, good.id, good);
      await eventually(async () => (await effects()).includes('Good after bad'), 'the good message');
      await eventually(async () => (await deadLetters()).length >= 3, 'three dead letters');
      const letters = await deadLetters();
      assert.match(letters.find((l) => l.id === 'bad-json')?.reason ?? '', /malformed JSON/);
      assert.match(letters.find((l) => l.id === 'not-cloudevents')?.reason ?? '', /not a CloudEvents envelope/);
      assert.match(letters.find((l) => l.id === invalid.id)?.reason ?? '', /data does not match .*user_id/);
      assert.equal((await effects()).includes('Invalid'), false);
      assert.equal(consumers.stats().deadLettered, 3);
      assert.equal((await consumed('dead_lettered')) - deadLetteredBefore, 3, 'counted in the metric');
    });

    it('handles every type it declares from one stream, in publish order', async () => {
      const registered = registration('Grace');
      const updated = createEnvelope(
        UserProfileUpdated,
        {
          user_id: registered.data.user_id,
          email: registered.data.email,
          name: registered.data.name,
          phone: null,
          address: null,
          updated_at: new Date().toISOString(),
        },
        { source: '/emporium/users', subject: registered.data.user_id },
      );
      await send(UserRegistered.type, registered.id, registered);
      await send(UserProfileUpdated.type, updated.id, updated);
      await eventually(async () => (await effects()).includes('profile of Grace'), 'the profile update');
      const seen = await effects();
      assert.ok(seen.indexOf('Grace') < seen.indexOf('profile of Grace'));
    });

    it('has no second effect when the same event is delivered again', async () => {
      const event = registration('Once');
      await send(UserRegistered.type, event.id, event);
      // A second publish under another broker id passes broker dedup: only the inbox stops it.
      await send(UserRegistered.type, `${event.id}:again`, event);
      const marker = registration('Marker');
      await send(UserRegistered.type, marker.id, marker);
      await eventually(async () => (await effects()).includes('Marker'), 'the marker');
      assert.equal((await effects()).filter((n) => n === 'Once').length, 1);
      assert.ok(consumers.stats().duplicates >= 1);
    });

    it('retries a failing handler, rolls back its effect, then dead-letters it with the error', async () => {
      failNames = new Set(['Always fails']);
      const event = registration('Always fails');
      await send(UserRegistered.type, event.id, event);
      await eventually(async () => (await deadLetters()).some((l) => l.id === event.id), 'the dead letter');
      const letter = (await deadLetters()).find((l) => l.id === event.id);
      assert.match(letter?.reason ?? '', /handler failed 3 times: refusing Always fails/);
      assert.equal((await effects()).includes('Always fails'), false, 'each failed attempt was rolled back');
      const after = registration('After the failure');
      await send(UserRegistered.type, after.id, after);
      await eventually(async () => (await effects()).includes('After the failure'), 'the next message');
    });

    it('isolates a failing message from the others that shared its transaction', async () => {
      const batched = await startConsumers({
        bus,
        pool,
        service: 'batchprobe',
        log: quiet,
        settings: { maxDeliveries: 2, retryDelaysMs: [100], ackWaitMs: 2000, maxInFlight: 16, maxBatch: 16 },
        handlers: [
          on(UserRegistered, 'test effects', async (tx, event) => {
            if (!event.data.name.startsWith('batch ')) return;
            await tx.query('INSERT INTO effects (name) VALUES ($1)', [`handled ${event.data.name}`]);
            if (event.data.name === 'batch poison') throw new Error('poison');
          }),
        ],
      });
      try {
        // A new durable starts at the stream's beginning: the earlier tests' messages pass through it too.
        const events = [...Array.from({ length: 30 }, (_, i) => `batch ${i}`), 'batch poison'].map((n) =>
          registration(n),
        );
        await Promise.all(events.map((e) => send(UserRegistered.type, e.id, e)));
        const poison = events.at(-1);
        await eventually(
          async () =>
            (await effects()).filter((n) => n.startsWith('handled batch ') && n !== 'handled batch poison').length >=
            30,
          'the 30 good messages',
        );
        await eventually(
          async () => (await deadLetters()).some((l) => l.id === poison?.id && /poison/.test(l.reason)),
          'the poison message dead-lettered',
        );
        const handled = (await effects()).filter((n) => n.startsWith('handled batch '));
        assert.equal(handled.length, 30, 'each good message once, the poison never committed');
        assert.equal(new Set(handled).size, 30);
      } finally {
        await batched.stop();
      }
    });

    it('handles a replayed dead letter once its cause is fixed', async () => {
      failNames = new Set(['Fixed later']);
      const event = registration('Fixed later');
      await send(UserRegistered.type, event.id, event);
      await eventually(async () => (await deadLetters()).some((l) => l.id === event.id), 'the dead letter');
      failNames = new Set();
      const stored = (await bus.read(DEAD_LETTER_STREAM, 1, 1000)).find(
        (m) => m.headers?.[DEAD_LETTER_HEADERS.originalId] === event.id,
      );
      assert.ok(stored);
      await bus.publish({ subject: UserRegistered.type, id: `${event.id}:replay`, data: stored.data });
      await eventually(async () => (await effects()).includes('Fixed later'), 'the replayed message');
      assert.equal((await effects()).filter((n) => n === 'Fixed later').length, 1);
    });
  });
}
