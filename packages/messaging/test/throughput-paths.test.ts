// The relay does not lose a NOTIFY that arrives while it is publishing a batch: rows committed
// meanwhile go out at once, not at the next poll (bench:bus's writers commit while it publishes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UserRegistered } from '@emporium/contracts';
import { createPool, type Pool, withTransaction } from '@emporium/service-kit';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';
import type { BusMessage, MessageBus } from '../src/bus.js';
import { publish } from '../src/outbox/outbox.js';
import { startOutboxRelay } from '../src/outbox/relay.js';
import { migrateMessaging } from '../src/schema.js';

const quiet = { info() {}, warn() {} };

describe('outbox relay wake-up', () => {
  let db: TestDatabase;
  let pool: Pool;
  before(async () => {
    db = await createTestDatabase('relay_wake');
    pool = createPool(db.url, 4);
    await migrateMessaging(pool);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  const commitOne = () =>
    withTransaction(pool, async (tx) => {
      const id = crypto.randomUUID();
      await publish(
        tx,
        UserRegistered,
        { user_id: id, email: `${id}@example.test`, name: 'Wake', registered_at: new Date().toISOString() },
        { source: '/emporium/users', subject: id },
      );
    });

  it('publishes rows committed while a batch was being published without waiting for the poll', async () => {
    const published: BusMessage[] = [];
    let release = () => {};
    const firstPublishHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    let publishing = () => {};
    const firstPublishStarted = new Promise<void>((resolve) => {
      publishing = resolve;
    });
    const bus = {
      async publish(message: BusMessage) {
        if (published.length === 0) {
          publishing();
          await firstPublishHeld;
        }
        published.push(message);
        return { duplicate: false };
      },
    } as unknown as MessageBus;
    // A poll far beyond the test's run: only the NOTIFY can bring the second row out.
    const relay = startOutboxRelay({ pool, databaseUrl: db.url, bus, log: quiet, pollIntervalMs: 3_600_000 });
    try {
      await commitOne();
      await firstPublishStarted;
      await commitOne(); // its NOTIFY arrives while the relay is still publishing the first row
      await new Promise((r) => setTimeout(r, 200)); // let the notification reach the relay's connection
      release();
      for (let i = 0; i < 200 && published.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(published.length, 2);
      assert.equal(new Set(published.map((m) => m.id)).size, 2);
    } finally {
      await relay.stop();
    }
  });
});
