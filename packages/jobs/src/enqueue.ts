// Adding a background job inside the caller's transaction: the job exists exactly when the state
// change that asked for it was committed (the same guarantee the outbox gives messages).
import type { Queryable } from '@emporium/service-kit';

export interface JobOptions {
  /** One pending job per key: adding again while it waits replaces its payload instead of adding a second. */
  jobKey?: string;
  /** Attempts before the job is given up (graphile-worker retries with exponential backoff). Default 25. */
  maxAttempts?: number;
  runAt?: Date;
}

/** Adds a job for `task` with `payload` to the queue, as part of the open transaction `tx`. */
export async function enqueueJob(
  tx: Queryable,
  task: string,
  payload: object,
  options: JobOptions = {},
): Promise<void> {
  await tx.query(`SELECT graphile_worker.add_job($1, $2::json, job_key => $3, max_attempts => $4, run_at => $5)`, [
    task,
    JSON.stringify(payload),
    options.jobKey ?? null,
    options.maxAttempts ?? null,
    options.runAt ?? null,
  ]);
}
