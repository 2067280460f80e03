// The pool supervisor: a pool that stops on an error (graphile-worker gives up recording outcomes while
// the database is away) is replaced by a new one; stop() stops the current pool and restarts nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RunningPool, supervisePool } from '../src/supervise.js';

interface FakePool extends RunningPool {
  fail(error: Error): void;
  stopped: boolean;
}

function fakePool(): FakePool {
  let reject: (error: Error) => void = () => {};
  let resolve: () => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const pool: FakePool = {
    promise,
    stopped: false,
    fail: (error) => reject(error),
    async stop() {
      pool.stopped = true;
      resolve();
    },
  };
  return pool;
}

const waitFor = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('jobs: the pool supervisor', () => {
  const log = { errors: [] as string[], error: (_: object, m: string) => void log.errors.push(m), warn() {} };

  it('starts a new pool when the running one fails, and stops the new one on stop()', async () => {
    const pools: FakePool[] = [];
    const supervised = await supervisePool(
      async () => {
        const pool = fakePool();
        pools.push(pool);
        return pool;
      },
      { log, minDelayMs: 10 },
    );
    assert.equal(pools.length, 1);
    pools[0]?.fail(new Error('Could not completeJobs; queue is in an inconsistent state'));
    await waitFor(() => pools.length === 2, 'a second pool');
    assert.match(log.errors.at(-1) ?? '', /job runner failed/);
    pools[1]?.fail(new Error('again'));
    await waitFor(() => pools.length === 3, 'a third pool');

    await supervised.stop();
    assert.equal(pools[2]?.stopped, true, 'the current pool is stopped');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(pools.length, 3, 'and nothing is started after stop()');
  });

  it('keeps trying when a new pool cannot start', async () => {
    let attempts = 0;
    const first = fakePool();
    const supervised = await supervisePool(
      async () => {
        attempts += 1;
        if (attempts === 1) return first;
        if (attempts < 4) throw new Error('database is away');
        return fakePool();
      },
      { log, minDelayMs: 5, maxDelayMs: 20 },
    );
    first.fail(new Error('pool died'));
    await waitFor(() => attempts === 4, 'a start that succeeds');
    await supervised.stop();
  });

  it('restarts nothing when stop() is what ended the pool', async () => {
    let starts = 0;
    const supervised = await supervisePool(
      async () => {
        starts += 1;
        return fakePool();
      },
      { log, minDelayMs: 5 },
    );
    await supervised.stop();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(starts, 1);
  });
});
