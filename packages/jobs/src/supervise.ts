// Keeps a worker pool running. graphile-worker shuts its pool down (and rejects the runner's promise)
// when it cannot record a job's outcome after its own retries, e.g. while the database is down for
// minutes; the jobs it held stay locked until the stale-lock sweep frees them. Instead of leaving the
// process without a runner (or crashing it), a new pool is started after a growing delay.

export interface RunningPool {
  /** Settles when the pool has stopped, rejecting when it stopped on an error. */
  promise: Promise<void>;
  stop(): Promise<void>;
}

export interface SupervisedPool {
  stop(): Promise<void>;
}

type Log = { error(o: object, m: string): void; warn(o: object, m: string): void };

export interface SuperviseOptions {
  log: Log;
  /** First delay before a restart; doubled per failure in a row, up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Starts the pool with `start` and starts it again whenever it stops on its own, until stop(). */
export async function supervisePool(
  start: () => Promise<RunningPool>,
  options: SuperviseOptions,
): Promise<SupervisedPool> {
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let stopping = false;
  let current: RunningPool | undefined = await start();
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  const restartLater = () => {
    if (stopping) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** failures);
    failures += 1;
    timer = setTimeout(async () => {
      timer = undefined;
      if (stopping) return;
      try {
        current = await start();
        failures = 0;
        watch(current);
      } catch (error) {
        options.log.error({ err: error, component: 'jobs' }, 'job runner could not start; trying again');
        restartLater();
      }
    }, delay);
  };

  const watch = (pool: RunningPool) => {
    pool.promise.then(
      () => {
        if (stopping || pool !== current) return;
        options.log.warn({ component: 'jobs' }, 'job runner stopped on its own; starting a new one');
        current = undefined;
        restartLater();
      },
      (error: unknown) => {
        if (stopping || pool !== current) return;
        options.log.error({ err: error, component: 'jobs' }, 'job runner failed; starting a new one');
        current = undefined;
        restartLater();
      },
    );
  };
  watch(current);

  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      const pool = current;
      current = undefined;
      if (!pool) return;
      await pool.stop();
      await pool.promise.catch(() => {});
    },
  };
}
