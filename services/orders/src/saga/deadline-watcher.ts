// Gives up on saga steps past their deadline: each running instance of the service scans for expired
// sagas (locked with SKIP LOCKED, so two instances never expire the same one) and compensates them.
import { type Pool, withTransaction } from '@emporium/service-kit';
import { lockExpiredSagas } from '../store/saga-store.js';
import type { SagaEngine } from './engine.js';

const BATCH = 50;

export interface DeadlineWatcher {
  /** Expires whatever is due now; returns how many sagas it expired. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startDeadlineWatcher<D>(options: {
  pool: Pool;
  engine: SagaEngine<D>;
  intervalMs: number;
  log: { error(o: object, m: string): void };
}): DeadlineWatcher {
  const { pool, engine, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const sweep = async () => {
    let total = 0;
    for (;;) {
      const expired = await withTransaction(pool, async (tx) => {
        const sagas = await lockExpiredSagas(tx, BATCH);
        for (const saga of sagas) await engine.expire(tx, saga);
        return sagas.length;
      });
      total += expired;
      if (expired < BATCH || stopped) return total;
    }
  };

  const tick = () => {
    running = sweep()
      .catch((error) => log.error({ err: error }, 'saga deadline sweep failed; retrying'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);

  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
