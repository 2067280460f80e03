// SQL for reading payments through the API: by id, and pages of them newest first.
import type { Queryable } from '@emporium/service-kit';
import type { Payment } from '../domain/payment.js';
import { type PaymentRow, toPayment } from './payment-store.js';

export interface PaymentFilter {
  /** Undefined: every customer's (an admin's view). */
  customerId: string | undefined;
  orderId: string | undefined;
}

/** Up to `limit` payments, newest first (ids are time-ordered), after the payment `afterId` when given. */
export async function listPayments(
  db: Queryable,
  filter: PaymentFilter,
  afterId: string | undefined,
  limit: number,
): Promise<Payment[]> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT * FROM payments
     WHERE ($1::uuid IS NULL OR customer_id = $1) AND ($2::uuid IS NULL OR order_id = $2)
       AND ($3::uuid IS NULL OR id < $3)
     ORDER BY id DESC
     LIMIT $4`,
    [filter.customerId ?? null, filter.orderId ?? null, afterId ?? null, limit],
  );
  return rows.map(toPayment);
}
