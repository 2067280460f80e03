// The order read models (order_facts, order_lines, refunds), written by the order and payment events.
// Each write sets only the fields its event knows; times keep the earliest value seen (LEAST ignores
// NULL), so the rows are the same whatever order the events arrive in, and a repeat changes nothing.
import type { Queryable } from '@emporium/service-kit';

export interface MoneyAmount {
  amount: number;
  currency: string;
}

export interface PricedLine {
  product_id: string;
  quantity: number;
  unit_price: MoneyAmount;
}

/** The order's milestones: each event names one of these columns. */
export type OrderMilestone = 'created_at' | 'confirmed_at' | 'shipped_at' | 'cancelled_at' | 'rejected_at';

/** Records that `orderId` reached `milestone` at `at` (the earliest time wins if it is recorded twice). */
export async function recordMilestone(
  tx: Queryable,
  orderId: string,
  customerId: string,
  milestone: OrderMilestone,
  at: string,
): Promise<void> {
  // The column name comes from the OrderMilestone union above, never from input.
  await tx.query(
    `INSERT INTO order_facts (order_id, customer_id, ${milestone}) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET ${milestone} = LEAST(order_facts.${milestone}, EXCLUDED.${milestone})`,
    [orderId, customerId, at],
  );
}

/** Records the total captured when the order was confirmed: the revenue it brings. */
export async function recordConfirmedTotal(tx: Queryable, orderId: string, total: MoneyAmount): Promise<void> {
  await tx.query(
    `UPDATE order_facts SET confirmed_amount = $2, confirmed_currency = $3
     WHERE order_id = $1 AND confirmed_amount IS NULL`,
    [orderId, total.amount, total.currency],
  );
}

/** Records why the order was rejected; the first reason recorded stays. */
export async function recordRejectionReason(tx: Queryable, orderId: string, reason: string): Promise<void> {
  await tx.query('UPDATE order_facts SET rejection_reason = COALESCE(rejection_reason, $2) WHERE order_id = $1', [
    orderId,
    reason,
  ]);
}

/** Records the order's priced lines; lines already recorded for it are kept. */
export async function recordOrderLines(tx: Queryable, orderId: string, lines: PricedLine[]): Promise<void> {
  await tx.query(
    `INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_amount, unit_price_currency)
     SELECT $1, line.no, line.product_id, line.quantity, line.amount, line.currency
     FROM unnest($2::uuid[], $3::int[], $4::bigint[], $5::text[]) WITH ORDINALITY
       AS line(product_id, quantity, amount, currency, no)
     ON CONFLICT (order_id, line_no) DO NOTHING`,
    [
      orderId,
      lines.map((l) => l.product_id),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unit_price.amount),
      lines.map((l) => l.unit_price.currency),
    ],
  );
}

export interface Refund {
  refundId: string;
  paymentId: string;
  orderId: string;
  amount: MoneyAmount;
  refundedAt: string;
}

export async function recordRefund(tx: Queryable, refund: Refund): Promise<void> {
  await tx.query(
    `INSERT INTO refunds (refund_id, payment_id, order_id, amount, currency, refunded_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (refund_id) DO NOTHING`,
    [
      refund.refundId,
      refund.paymentId,
      refund.orderId,
      refund.amount.amount,
      refund.amount.currency,
      refund.refundedAt,
    ],
  );
}
