// SQL for stray charges: money the provider took for a payment that failed on our side.
import type { Queryable } from '@emporium/service-kit';

export interface StrayCharge {
  provider_charge_id: string;
  payment_id: string;
  amount: number;
  currency: string;
  status: 'refunded' | 'refund_failed';
  provider_refund_id: string | null;
  failure: string | null;
  found_at: Date;
}

export type StrayChargeOutcome =
  | { status: 'refunded'; providerRefundId: string }
  | { status: 'refund_failed'; failure: string };

/** Records a stray charge and how its refund ended; a second record of the same charge changes nothing. */
export async function recordStrayCharge(
  db: Queryable,
  charge: { id: string; paymentId: string; amount: number; currency: string },
  outcome: StrayChargeOutcome,
): Promise<void> {
  await db.query(
    `INSERT INTO stray_charges (provider_charge_id, payment_id, amount, currency, status, provider_refund_id, failure)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (provider_charge_id) DO NOTHING`,
    [
      charge.id,
      charge.paymentId,
      charge.amount,
      charge.currency,
      outcome.status,
      outcome.status === 'refunded' ? outcome.providerRefundId : null,
      outcome.status === 'refund_failed' ? outcome.failure : null,
    ],
  );
}

export async function listStrayCharges(db: Queryable, limit: number): Promise<StrayCharge[]> {
  const { rows } = await db.query<StrayCharge>(
    'SELECT * FROM stray_charges ORDER BY found_at DESC, provider_charge_id LIMIT $1',
    [limit],
  );
  return rows;
}
