// Adding a background job inside the caller's transaction: the job exists exactly when the state
// change that asked for it was committed (the same guarantee the outbox gives messages).
import { type Queryable, traceparentOf } from '@emporium/service-kit';

/** The payload field that carries the enqueuing work's trace context to the job (see runner.ts). */
export const JOB_TRACEPARENT = '_traceparent';

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
    JSON.stringify(withTraceparent(payload)),
    options.jobKey ?? null,
    options.maxAttempts ?? null,
    options.runAt ?? null,
  ]);
}

/** The payload with the active trace context, so the job's span joins the trace that asked for it. */
function withTraceparent(payload: object): object {
  const traceparent = traceparentOf();
  return traceparent ? { ...payload, [JOB_TRACEPARENT]: traceparent } : payload;
}
