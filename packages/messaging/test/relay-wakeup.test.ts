// How a commit to the outbox wakes the active relay, with polling too slow to matter (60 s): this
// process's own active relay is woken after the commit, with no NOTIFY (which would take PostgreSQL's
// server-wide notify lock inside the transaction); a standby relay here passes the commit on to the
// active relay of another process as a NOTIFY; with no relay here, the transaction NOTIFYs itself.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { UserProfileUpdated } from '@emporium/contracts';
import { createPool, type Pool, withTransaction } from '@emporium/service-kit';
import { type BrokerProcess, createTestDatabase, startEmbeddedBroker, type TestDatabase } from '@emporium/testing';
import pg from 'pg';
import type { MessageBus } from '../src/bus.js';
import { connectBus } from '../src/connect.js';
import { OUTBOX_CHANNEL, OutboxSignals, publish } from '../src/outbox/outbox.js';
import { type OutboxRelay, startOutboxRelay } from '../src/outbox/relay.js';
import { ensureStreams } from '../src/runtime.js';
import { migrateMessaging } from '../src/schema.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SLOW_POLL = 60_000;

describe('outbox relay wake-up on commit', () => {
  let broker: BrokerProcess;
  let bus: MessageBus;
  let db: TestDatabase;
  let pool: Pool;
  let listener: pg.Client;
  let notifications = 0;
  const relays: OutboxRelay[] = [];

  before(async () => {
    broker = await startEmbeddedBroker();
    bus = await connectBus(broker.url, 'relay-wakeup-test', () => {});
    await ensureStreams(bus, ['users']);
  });
  after(async () => {
    await bus.close();
    await broker.stop();
  });
  // Each test gets its own database, so no relay of an earlier test is registered for it.
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await listener.end();
    await pool.end();
    await db.drop();
  });
  const freshDatabase = async (label: string) => {
    db = await createTestDatabase(label);
    pool = createPool(db.url, 4);
    await migrateMessaging(pool);
    notifications = 0;
    listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    listener.on('notification', () => {
      notifications += 1;
    });
  };
  /** Starts a relay and waits until it is the active one (it says so in its log). */
  const activeRelay = async (signals?: OutboxSignals) => {
    let leading: () => void = () => {};
    const led = new Promise<void>((resolve) => {
      leading = resolve;
    });
    const log = { info: (_: object, message: string) => message.includes('active relay') && leading(), warn() {} };
    relays.push(
      startOutboxRelay({
        pool,
        databaseUrl: db.url,
        bus,
        log,
        pollIntervalMs: SLOW_POLL,
        ...(signals ? { signals } : {}),
      }),
    );
    await led;
  };
  const standbyRelay = () =>
    relays.push(
      startOutboxRelay({ pool, databaseUrl: db.url, bus, log: { info() {}, warn() {} }, pollIntervalMs: SLOW_POLL }),
    );
  const commitOne = () =>
    withTransaction(pool, (tx) =>
      publish(
        tx,
        UserProfileUpdated,
        {
          user_id: crypto.randomUUID(),
          email: 'someone@example.test',
          name: 'Someone',
          phone: null,
          address: null,
          updated_at: new Date().toISOString(),
        },
        { source: '/emporium/users' },
      ),
    );
  const published = async (id: string) => {
    for (let i = 0; i < 100; i++) {
      const { rows } = await pool.query('SELECT published_at FROM outbox WHERE id = $1', [id]);
      if (rows[0]?.published_at) return true;
      await sleep(50);
    }
    return false;
  };

  it("wakes this process's active relay after the commit, without a NOTIFY", async () => {
    await freshDatabase('relay_wakeup_local');
    await activeRelay();
    await sleep(100); // its first pass over the (empty) outbox is done: now it waits out the 60 s poll
    const message = await commitOne();
    assert.equal(await published(message.id), true, 'published within 5 s, long before the next poll');
    assert.equal(notifications, 0, 'no NOTIFY was sent');
  });

  it("passes this process's commit on to the active relay of another process as a NOTIFY", async () => {
    await freshDatabase('relay_wakeup_standby');
    await activeRelay(new OutboxSignals()); // stands in for another instance: it hears nothing of this process
    standbyRelay();
    await sleep(100);
    const message = await commitOne();
    assert.equal(await published(message.id), true, 'published within 5 s, long before the next poll');
    assert.ok(notifications >= 1, 'woken by a NOTIFY');
  });

  it('NOTIFYs in the transaction when this process has no relay for the database', async () => {
    await freshDatabase('relay_wakeup_none');
    await activeRelay(new OutboxSignals());
    await sleep(100);
    const message = await commitOne();
    assert.equal(await published(message.id), true, 'published within 5 s, long before the next poll');
    assert.equal(notifications, 1);
  });
});
