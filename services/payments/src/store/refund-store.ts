// SQL for refunds, and for refunds asked for while their payment's charge was still in flight.
import type { Queryable } from '@emporium/service-kit';
import type { Refund, RefundStatus } from '../domain/refund.js';
import type { Cause } from '../messages/payment-events.js';

interface RefundRow {
  id: string;
  payment_id: string;
  amount: number;
  status: RefundStatus;
  reason: string;
  created_at: Date;
}

const toRefund = (row: RefundRow): Refund => ({
  id: row.id,
  paymentId: row.payment_id,
  amount: row.amount,
  status: row.status,
  reason: row.reason,
  createdAt: row.created_at,
});

export async function insertRefund(
  tx: Queryable,
  refund: { id: string; paymentId: string; amount: number; reason: string },
): Promise<Refund> {
  const { rows } = await tx.query<RefundRow>(
    `INSERT INTO refunds (id, payment_id, amount, status, reason) VALUES ($1, $2, $3, 'pending', $4) RETURNING *`,
    [refund.id, refund.paymentId, refund.amount, refund.reason],
  );
  return toRefund(rows[0] as RefundRow);
}

export async function findRefund(db: Queryable, id: string): Promise<Refund | undefined> {
  const { rows } = await db.query<RefundRow>('SELECT * FROM refunds WHERE id = $1', [id]);
  return rows[0] && toRefund(rows[0]);
}

export async function lockRefund(tx: Queryable, id: string): Promise<Refund | undefined> {
  const { rows } = await tx.query<RefundRow>('SELECT * FROM refunds WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] && toRefund(rows[0]);
}

/** What the payment's pending and succeeded refunds take out of it. */
export async function committedRefundTotal(db: Queryable, paymentId: string): Promise<number> {
  const { rows } = await db.query<{ total: number }>(
    `SELECT coalesce(sum(amount), 0)::bigint AS total FROM refunds
     WHERE payment_id = $1 AND status IN ('pending', 'succeeded')`,
    [paymentId],
  );
  return rows[0]?.total ?? 0;
}

/** Whether a refund of the payment is still waiting for the provider's answer. */
export async function hasPendingRefunds(db: Queryable, paymentId: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM refunds WHERE payment_id = $1 AND status = 'pending' LIMIT 1`, [
    paymentId,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function markRefundSucceeded(tx: Queryable, id: string, providerRefundId: string): Promise<void> {
  await tx.query(
    `UPDATE refunds SET status = 'succeeded', provider_refund_id = $2, completed_at = now() WHERE id = $1`,
    [id, providerRefundId],
  );
}

export async function markRefundFailed(tx: Queryable, id: string, failure: string): Promise<void> {
  await tx.query(`UPDATE refunds SET status = 'failed', failure = $2, completed_at = now() WHERE id = $1`, [
    id,
    failure,
  ]);
}

/** The refunds of each of `paymentIds`, oldest first. */
export async function refundsOfPayments(db: Queryable, paymentIds: string[]): Promise<Map<string, Refund[]>> {
  const { rows } = await db.query<RefundRow>(
    'SELECT * FROM refunds WHERE payment_id = ANY($1::uuid[]) ORDER BY created_at, id',
    [paymentIds],
  );
  const byPayment = new Map<string, Refund[]>(paymentIds.map((id) => [id, []]));
  for (const row of rows) byPayment.get(row.payment_id)?.push(toRefund(row));
  return byPayment;
}

export interface DeferredRefund {
  id: string;
  /** Undefined: whatever is left to refund. */
  amount: number | undefined;
  reason: string;
  /** The RefundPayment it came from: the refund's event names it as its cause. */
  cause: Cause;
}

export async function deferRefund(tx: Queryable, paymentId: string, refund: DeferredRefund): Promise<void> {
  await tx.query('INSERT INTO deferred_refunds (id, payment_id, amount, reason, cause) VALUES ($1, $2, $3, $4, $5)', [
    refund.id,
    paymentId,
    refund.amount ?? null,
    refund.reason,
    JSON.stringify(refund.cause),
  ]);
}

/** Removes and returns the payment's deferred refunds, oldest first. */
export async function takeDeferredRefunds(tx: Queryable, paymentId: string): Promise<DeferredRefund[]> {
  const { rows } = await tx.query<{
    id: string;
    amount: number | null;
    reason: string;
    cause: Cause;
    created_at: Date;
  }>('DELETE FROM deferred_refunds WHERE payment_id = $1 RETURNING id, amount, reason, cause, created_at', [paymentId]);
  return rows
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
    .map((r) => ({ id: r.id, amount: r.amount ?? undefined, reason: r.reason, cause: r.cause }));
}
