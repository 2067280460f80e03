// Jobs run once their transaction commits and never when it rolls back; a failing job is retried and
// told when its last attempt comes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPool, type Pool, withTransaction } from '@emporium/service-kit';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';
import { enqueueJob } from '../src/enqueue.js';
import { type JobContext, type JobRunner, migrateJobs, startJobRunner } from '../src/runner.js';

const quiet = { info() {}, warn() {}, error() {} };

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('background jobs', () => {
  let db: TestDatabase;
  let pool: Pool;
  let runner: JobRunner;
  const ran: Array<{ payload: unknown; context: JobContext }> = [];
  const flaky: JobContext[] = [];

  before(async () => {
    db = await createTestDatabase('jobs');
    pool = createPool(db.url, 6);
    await migrateJobs(pool);
    runner = await startJobRunner({
      pool,
      log: quiet,
      pollIntervalMs: 200,
      tasks: {
        record: async (payload, context) => void ran.push({ payload, context }),
        flaky: async (_payload, context) => {
          flaky.push(context);
          if (!context.isLastAttempt) throw new Error('provider unavailable');
        },
      },
    });
  });
  after(async () => {
    await runner.stop();
    await pool.end();
    await db.drop();
  });

  it('runs a job added in a committed transaction, with its payload', async () => {
    await withTransaction(pool, (tx) => enqueueJob(tx, 'record', { order: 'a' }));
    await eventually(() => ran.some((r) => (r.payload as { order: string }).order === 'a'), 'the job to run');
    assert.equal(ran.find((r) => (r.payload as { order: string }).order === 'a')?.context.attempt, 1);
  });

  it('never runs a job whose transaction rolled back', async () => {
    await assert.rejects(
      withTransaction(pool, async (tx) => {
        await enqueueJob(tx, 'record', { order: 'rolled-back' });
        throw new Error('the state change failed');
      }),
    );
    await withTransaction(pool, (tx) => enqueueJob(tx, 'record', { order: 'after' }));
    await eventually(() => ran.some((r) => (r.payload as { order: string }).order === 'after'), 'the later job');
    assert.ok(!ran.some((r) => (r.payload as { order: string }).order === 'rolled-back'));
  });

  it('retries a failing job and says when the last attempt comes', async () => {
    await withTransaction(pool, (tx) => enqueueJob(tx, 'flaky', {}, { maxAttempts: 2 }));
    await eventually(() => flaky.length === 2, 'the retry', 20_000);
    assert.deepEqual(
      flaky.map((c) => [c.attempt, c.isLastAttempt]),
      [
        [1, false],
        [2, true],
      ],
    );
    // Outcomes are recorded by a batcher just after the task returns.
    await eventually(async () => {
      const { rows } = await pool.query('SELECT count(*)::int AS left FROM graphile_worker.jobs');
      return rows[0].left === 0;
    }, 'the job that finally succeeded to be removed');
  });
});

describe('background jobs of a worker that died', () => {
  it('are unlocked and run again once their lock is older than staleLockMs', async () => {
    const db = await createTestDatabase('jobs_stale');
    const pool = createPool(db.url, 4);
    try {
      await migrateJobs(pool);
      await withTransaction(pool, (tx) => enqueueJob(tx, 'charge', { order: 'interrupted' }));
      // As a worker SIGKILLed mid-job leaves it: locked by a worker id nobody runs any more.
      await pool.query(
        "UPDATE graphile_worker._private_jobs SET locked_by = 'killed-worker', locked_at = now() - interval '10 minutes'",
      );
      // And one a live worker elsewhere holds right now: it must stay with that worker.
      await withTransaction(pool, (tx) => enqueueJob(tx, 'charge', { order: 'in-flight' }));
      await pool.query(
        "UPDATE graphile_worker._private_jobs SET locked_by = 'busy-worker', locked_at = now() WHERE locked_by IS NULL",
      );
      const ran: unknown[] = [];
      const runner = await startJobRunner({
        pool,
        log: quiet,
        pollIntervalMs: 100,
        staleLockMs: 60_000,
        tasks: { charge: async (payload) => void ran.push(payload) },
      });
      try {
        await eventually(() => ran.length === 1, 'the interrupted job to run again');
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(ran, [{ order: 'interrupted' }], 'the in-flight job is left to its worker');
      } finally {
        await runner.stop();
      }
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});
