// PostgreSQL access for every service: one pool per process and one way to run a transaction.
import pg from 'pg';
import { tracePool } from './telemetry/db-spans.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that runs a query: the pool, or the client of an open transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

// bigint columns hold money in minor units; they fit in a JS number far beyond any realistic amount.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} is outside the safe integer range`);
  return n;
});

export function createPool(connectionString: string, max = 10, applicationName = 'emporium'): Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: applicationName, idleTimeoutMillis: 30_000 });
  // A client losing its connection must not crash the process: an idle one is replaced by the pool, and
  // the query of a busy one fails on its own. (graphile-worker also checks these handlers exist.)
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  tracePool(pool, applicationName);
  return pool;
}

// What is to happen once a transaction of withTransaction has committed (and never if it rolls back).
const commitHooks = new WeakMap<Queryable, Array<() => void>>();

/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
export async function withTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const hooks: Array<() => void> = [];
  commitHooks.set(client, hooks);
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    commitHooks.delete(client);
    client.release();
  }
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // What was committed stands; a hook (a metric, a wake-up) must not turn it into a failure.
    }
  }
  return result;
}

/**
 * Runs `hook` once the transaction `tx` (opened by withTransaction) has committed, never if it rolls back:
 * for what must count only what really happened, such as a metric of outcomes.
 */
/** True when `tx` is a transaction opened by withTransaction, so afterCommit can be used on it. */
export function isKitTransaction(tx: Queryable): boolean {
  return commitHooks.has(tx);
}

export function afterCommit(tx: Queryable, hook: () => void): void {
  const hooks = commitHooks.get(tx);
  if (!hooks) throw new Error('afterCommit needs a transaction opened by withTransaction');
  hooks.push(hook);
}

/** True when the database answers within `timeoutMs`. */
export async function isDatabaseReachable(pool: Pool, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when `error` is PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
