// The outbox relay: publishes committed outbox rows to the broker, in order per aggregate, and marks
// them published. One relay per database is active at a time (a session advisory lock); others wait
// as standbys, so two instances of a service never race each other's batches. It wakes when this
// process commits to the outbox (OutboxSignals, after the commit), on the outbox NOTIFY (commits of
// other processes: a standby passes its own process's commits on to the active relay as a NOTIFY), and
// also polls, so a missed wake-up only delays a message by one interval.
import type { Pool } from '@emporium/service-kit';
import pg from 'pg';
import type { MessageBus } from '../bus.js';
import { databaseKeyOf, localOutboxSignals, OUTBOX_CHANNEL, type OutboxSignals } from './outbox.js';
import { type OutboxRow, publishBatch } from './publish-batch.js';

export interface RelayOptions {
  pool: Pool;
  /** The database URL, for the relay's own listening connection (which also holds the leader lock). */
  databaseUrl: string;
  bus: MessageBus;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
  batchSize?: number;
  pollIntervalMs?: number;
  /** Published rows are deleted after this long (they stay a while for inspection). */
  keepPublishedMs?: number;
  /** Where this process's commits to the outbox are announced (tests stand in another process with their own). */
  signals?: OutboxSignals;
}

export interface OutboxRelay {
  /** Rows not yet published (the backlog), and the age of the oldest, for health and metrics. */
  backlog(): Promise<{ count: number; oldestAgeMs: number }>;
  stop(): Promise<void>;
}

const LEADER_LOCK = 'emporium.outbox.relay';

export function startOutboxRelay(options: RelayOptions): OutboxRelay {
  const { pool, bus, log, batchSize = 500, pollIntervalMs = 1000, keepPublishedMs = 3_600_000 } = options;
  let stopped = false;
  let listener: pg.Client | undefined;
  let leading = false;
  let forwarding = false;
  // A NOTIFY that arrives while a batch is being published is remembered, so the next wait ends at
  // once instead of leaving rows committed meanwhile for the poll a second later.
  let notified = false;
  let wakeSleeper: (() => void) | undefined;
  const wake = () => {
    notified = true;
    wakeSleeper?.();
  };
  // This process committed to the outbox: publish at once if this is the active relay, else tell the
  // active one (in another process) with a NOTIFY, one per burst of commits.
  const unregister = (options.signals ?? localOutboxSignals).register(
    databaseKeyOf(new pg.Client({ connectionString: options.databaseUrl })) ?? options.databaseUrl,
    {
      committed() {
        if (leading) return wake();
        if (forwarding || stopped) return;
        forwarding = true;
        setImmediate(() => {
          forwarding = false;
          pool.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']).catch(() => {}); // the poll covers a miss
        });
      },
    },
  );
  /** `idle`: waiting for new rows, so a NOTIFY already received ends it (a backoff waits its time out). */
  const sleep = (ms: number, idle = false) =>
    new Promise<void>((resolve) => {
      if ((idle && notified) || stopped) {
        notified = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        notified = false;
        resolve();
      }
      wakeSleeper = done;
    });

  async function becomeLeader(): Promise<pg.Client> {
    for (;;) {
      const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'outbox-relay' });
      client.on('error', () => {}); // a lost connection ends the loop below and is retried
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
          LEADER_LOCK,
        ]);
        if (rows[0]?.ok) {
          await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
          client.on('notification', wake);
          return client;
        }
      } catch (error) {
        log.warn({ err: error }, 'outbox relay cannot reach its database; retrying');
      }
      await client.end().catch(() => {});
      if (stopped) throw new Error('stopped');
      await sleep(2000);
    }
  }

  async function drain(): Promise<void> {
    let failures = 0;
    let lastCleanup = 0;
    while (!stopped) {
      // Whatever was committed before this point is read below: only a later NOTIFY means more.
      notified = false;
      const { rows } = await pool.query<OutboxRow>(
        'SELECT sequence, id, subject, aggregate, envelope FROM outbox WHERE published_at IS NULL ORDER BY sequence LIMIT $1',
        [batchSize],
      );
      const { published, failed } = await publishBatch(bus, rows);
      if (published.length > 0) {
        await pool.query('UPDATE outbox SET published_at = now() WHERE sequence = ANY($1::bigint[])', [published]);
      }
      if (failed) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0)
          log.warn({ err: failed, backlog: rows.length }, 'broker refused publish; outbox holds the messages');
        await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      failures = 0;
      if (Date.now() - lastCleanup > 60_000) {
        lastCleanup = Date.now();
        await pool.query('DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)', [
          keepPublishedMs / 1000,
        ]);
      }
      if (rows.length < batchSize) await sleep(pollIntervalMs, true);
    }
  }

  const running = (async () => {
    while (!stopped) {
      try {
        listener = await becomeLeader();
        leading = true;
        log.info({}, 'outbox relay is the active relay');
        await drain();
      } catch (error) {
        if (!stopped) log.warn({ err: error }, 'outbox relay restarting');
        if (!stopped) await sleep(1000);
      } finally {
        leading = false;
        await listener?.end().catch(() => {});
        listener = undefined;
      }
    }
  })();

  return {
    async backlog() {
      const { rows } = await pool.query<{ count: number; oldest: Date | null }>(
        'SELECT count(*)::int AS count, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL',
      );
      const row = rows[0];
      return { count: row?.count ?? 0, oldestAgeMs: row?.oldest ? Date.now() - row.oldest.getTime() : 0 };
    },
    async stop() {
      stopped = true;
      unregister();
      wake();
      await running;
    },
  };
}
