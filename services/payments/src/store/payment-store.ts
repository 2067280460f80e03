// SQL for payments, and for orders cancelled before any payment (their tombstones).
import type { Queryable } from '@emporium/service-kit';
import type { ChargeResult, FailureReason, NewPayment, Payment, PaymentStatus } from '../domain/payment.js';

export interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount: number;
  currency: string;
  payment_method: string;
  status: PaymentStatus;
  failure_reason: FailureReason | null;
  provider_charge_id: string | null;
  refunded_amount: number;
  created_at: Date;
  updated_at: Date;
}

export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  orderId: row.order_id,
  customerId: row.customer_id,
  amount: { amount: row.amount, currency: row.currency },
  paymentMethod: row.payment_method,
  status: row.status,
  failureReason: row.failure_reason,
  providerChargeId: row.provider_charge_id,
  refundedAmount: row.refunded_amount,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const one = (rows: PaymentRow[]) => (rows[0] ? toPayment(rows[0]) : undefined);

/**
 * Serializes every command about one order until the transaction ends, whether or not it has a
 * payment yet: a ProcessPayment and a RefundPayment racing cannot both miss each other.
 */
export async function lockOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('payments:order:' || $1, 0))`, [orderId]);
}

export async function findPayment(db: Queryable, id: string): Promise<Payment | undefined> {
  return one((await db.query<PaymentRow>('SELECT * FROM payments WHERE id = $1', [id])).rows);
}

/** Reads a payment and locks its row until the transaction ends. */
export async function lockPayment(tx: Queryable, id: string): Promise<Payment | undefined> {
  return one((await tx.query<PaymentRow>('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id])).rows);
}

export async function lockPaymentOfOrder(tx: Queryable, orderId: string): Promise<Payment | undefined> {
  return one((await tx.query<PaymentRow>('SELECT * FROM payments WHERE order_id = $1 FOR UPDATE', [orderId])).rows);
}

/** A new payment, `processing` unless its outcome is already known. */
export async function insertPayment(tx: Queryable, payment: NewPayment, settled?: ChargeResult): Promise<Payment> {
  const status: PaymentStatus = settled ? (settled.kind === 'captured' ? 'captured' : 'declined') : 'processing';
  const reason = settled?.kind === 'declined' ? settled.reason : null;
  const { rows } = await tx.query<PaymentRow>(
    `INSERT INTO payments (id, order_id, customer_id, amount, currency, payment_method, status, failure_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      payment.id,
      payment.orderId,
      payment.customerId,
      payment.amount.amount,
      payment.amount.currency,
      payment.paymentMethod,
      status,
      reason,
    ],
  );
  return toPayment(rows[0] as PaymentRow);
}

export async function markCaptured(tx: Queryable, id: string, chargeId: string | null): Promise<Payment> {
  const { rows } = await tx.query<PaymentRow>(
    `UPDATE payments SET status = 'captured', provider_charge_id = $2, updated_at = now() WHERE id = $1 RETURNING *`,
    [id, chargeId],
  );
  return toPayment(rows[0] as PaymentRow);
}

export async function markDeclined(tx: Queryable, id: string, reason: FailureReason): Promise<Payment> {
  const { rows } = await tx.query<PaymentRow>(
    `UPDATE payments SET status = 'declined', failure_reason = $2, updated_at = now() WHERE id = $1 RETURNING *`,
    [id, reason],
  );
  return toPayment(rows[0] as PaymentRow);
}

export async function recordRefunded(
  tx: Queryable,
  id: string,
  refunded: number,
  status: PaymentStatus,
): Promise<void> {
  await tx.query('UPDATE payments SET refunded_amount = $2, status = $3, updated_at = now() WHERE id = $1', [
    id,
    refunded,
    status,
  ]);
}

export async function isOrderCancelled(db: Queryable, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM cancelled_orders WHERE order_id = $1', [orderId]);
  return rowCount === 1;
}

/** The tombstone of an order refunded before it was ever charged. */
export async function cancelOrder(tx: Queryable, orderId: string, reason: string): Promise<void> {
  await tx.query('INSERT INTO cancelled_orders (order_id, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    orderId,
    reason,
  ]);
}
