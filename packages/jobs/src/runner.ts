// Background jobs for work that must not run inside a message handler's transaction (calling a payment
// provider, sending mail): graphile-worker runs them from the service's own database, picks new jobs up
// on NOTIFY, retries failures with exponential backoff, and survives crashes (a job whose worker died
// is retried once its lock expires).
import { contextFromTraceparent, type Pool, withSpan } from '@emporium/service-kit';
import {
  Logger,
  type LogLevel,
  makeWorkerUtils,
  runMigrations,
  run as runWorker,
  type Task,
  type TaskList,
} from 'graphile-worker';
import { JOB_TRACEPARENT } from './enqueue.js';
import { supervisePool } from './supervise.js';

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now gives the job up for good. */
  isLastAttempt: boolean;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

type Log = {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
  debug?(o: object, m: string): void;
};

export interface JobRunnerOptions {
  pool: Pool;
  tasks: Record<string, JobHandler>;
  log: Log;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** Fallback poll when no NOTIFY arrives. */
  pollIntervalMs?: number;
  /**
   * A job locked longer than this belongs to a worker that died (a crashed or killed process): it is
   * unlocked so it runs again. Keep it well above the longest a job can legitimately take. Default 60 s.
   */
  staleLockMs?: number;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Creates graphile-worker's tables (its own schema, its own migration history) in the service's database. */
export async function migrateJobs(pool: Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: loggerFor(quiet) });
}

const quiet: Log = { info() {}, warn() {}, error() {} };

function loggerFor(log: Log): Logger {
  return new Logger(() => (level: LogLevel, message: string, meta?: object) => {
    const fields = { component: 'jobs', ...meta };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else log.debug?.(fields, message);
  });
}

/** Each run of a job is a span, a child of the work that enqueued it (the payload's traceparent). */
function adapt(name: string, handler: JobHandler): Task {
  return (payload, helpers) => {
    const traceparent = (payload as Record<string, unknown> | null)?.[JOB_TRACEPARENT];
    const parent = contextFromTraceparent(typeof traceparent === 'string' ? traceparent : undefined);
    const attributes = {
      'emporium.job.task': name,
      'emporium.job.id': helpers.job.id,
      'emporium.job.attempt': helpers.job.attempts,
    };
    return withSpan(`job ${name}`, { parent, attributes }, () =>
      handler(payload, {
        jobId: helpers.job.id,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts,
      }),
    );
  };
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const taskList: TaskList = Object.fromEntries(
    Object.entries(options.tasks).map(([name, handler]) => [name, adapt(name, handler)]),
  );
  // Outcomes are recorded through graphile-worker's batchers (delay 0: no added latency), whose failure
  // stops the pool cleanly; unbatched, a failed record is an unhandled rejection that kills the process.
  const runner = await supervisePool(
    () =>
      runWorker({
        pgPool: options.pool,
        taskList,
        concurrency: options.concurrency ?? 8,
        pollInterval: options.pollIntervalMs ?? 2000,
        noHandleSignals: true,
        logger: loggerFor(options.log),
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      }),
    { log: options.log },
  );
  const staleLockMs = options.staleLockMs ?? 60_000;
  const utils = await makeWorkerUtils({ pgPool: options.pool, logger: loggerFor(options.log) });
  const unlockStale = async () => {
    try {
      const { rows } = await options.pool.query<{ locked_by: string }>(
        `SELECT DISTINCT locked_by FROM graphile_worker.jobs
         WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
        [staleLockMs / 1000],
      );
      if (rows.length === 0) return;
      options.log.warn({ workers: rows.map((r) => r.locked_by) }, 'unlocking jobs of workers that died');
      await utils.forceUnlockWorkers(rows.map((r) => r.locked_by));
    } catch (error) {
      options.log.error({ err: error }, 'could not unlock stale jobs; will try again');
    }
  };
  await unlockStale();
  const sweeper = setInterval(unlockStale, Math.max(1000, staleLockMs / 2));
  sweeper.unref();
  return {
    async stop() {
      clearInterval(sweeper);
      await runner.stop();
      await utils.release();
    },
  };
}
