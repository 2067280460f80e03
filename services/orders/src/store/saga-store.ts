// SQL for saga instances and their step log (migrations/0002_saga_schema.sql).
import type { Queryable } from '@emporium/service-kit';

export type SagaStatus = 'running' | 'completed' | 'compensating' | 'compensated';

export interface SagaRow {
  id: string;
  saga: string;
  status: SagaStatus;
  current_step: number;
  completed_steps: string[];
  awaiting: string[];
  deadline_at: Date | null;
  outcome_reason: string | null;
  data: unknown;
  created_at: Date;
  updated_at: Date;
}

export interface StepLogEntry {
  step: string;
  event: string;
  detail?: string | null;
  messageId?: string | null;
}

export interface StepLogRow {
  step: string;
  event: string;
  detail: string | null;
  message_id: string | null;
  at: Date;
}

export async function insertSaga(
  tx: Queryable,
  saga: Pick<SagaRow, 'id' | 'saga' | 'status' | 'current_step' | 'completed_steps' | 'deadline_at' | 'data'>,
): Promise<void> {
  await tx.query(
    `INSERT INTO saga_instances (id, saga, status, current_step, completed_steps, deadline_at, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [saga.id, saga.saga, saga.status, saga.current_step, saga.completed_steps, saga.deadline_at, saga.data],
  );
}

/** The saga, locked for the rest of the transaction (replies for one saga are applied one at a time). */
export async function lockSaga(tx: Queryable, id: string): Promise<SagaRow | undefined> {
  const { rows } = await tx.query<SagaRow>('SELECT * FROM saga_instances WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export async function findSaga(db: Queryable, id: string): Promise<SagaRow | undefined> {
  const { rows } = await db.query<SagaRow>('SELECT * FROM saga_instances WHERE id = $1', [id]);
  return rows[0];
}

export async function saveSaga(tx: Queryable, saga: SagaRow): Promise<void> {
  await tx.query(
    `UPDATE saga_instances
     SET status = $2, current_step = $3, completed_steps = $4, awaiting = $5, deadline_at = $6,
         outcome_reason = $7, updated_at = now()
     WHERE id = $1`,
    [
      saga.id,
      saga.status,
      saga.current_step,
      saga.completed_steps,
      saga.awaiting,
      saga.deadline_at,
      saga.outcome_reason,
    ],
  );
}

export async function appendStepLog(tx: Queryable, sagaId: string, entries: StepLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO saga_step_log (saga_id, step, event, detail, message_id)
     SELECT $1, step, event, detail, message_id
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(step, event, detail, message_id, n)
     ORDER BY n`,
    [
      sagaId,
      entries.map((e) => e.step),
      entries.map((e) => e.event),
      entries.map((e) => e.detail ?? null),
      entries.map((e) => e.messageId ?? null),
    ],
  );
}

export async function stepLogOf(db: Queryable, sagaId: string): Promise<StepLogRow[]> {
  const { rows } = await db.query<StepLogRow>(
    'SELECT step, event, detail, message_id, at FROM saga_step_log WHERE saga_id = $1 ORDER BY seq',
    [sagaId],
  );
  return rows;
}

/** Running sagas past their step's deadline, locked; ones another instance is handling are skipped. */
export async function lockExpiredSagas(tx: Queryable, limit: number): Promise<SagaRow[]> {
  const { rows } = await tx.query<SagaRow>(
    `SELECT * FROM saga_instances
     WHERE status = 'running' AND deadline_at <= now()
     ORDER BY deadline_at
     LIMIT $1
     FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows;
}

/**
 * How long the running saga that has waited longest at `step` has waited, from its step's deadline
 * (the step started `timeoutMs` before it); 0 when none waits there.
 */
export async function longestWaitAtStep(db: Queryable, step: number, timeoutMs: number): Promise<number> {
  const { rows } = await db.query<{ past_deadline_ms: number }>(
    `SELECT extract(epoch FROM now() - deadline_at)::float8 * 1000 AS past_deadline_ms
     FROM saga_instances
     WHERE status = 'running' AND current_step = $1 AND deadline_at IS NOT NULL
     ORDER BY deadline_at
     LIMIT 1`,
    [step],
  );
  const row = rows[0];
  return row ? Math.max(0, timeoutMs + row.past_deadline_ms) : 0;
}
