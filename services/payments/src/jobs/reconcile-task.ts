// Reconciliation of a payment that failed `provider_unavailable`: the provider may have charged after
// all (it took the money, but its answer was lost or came after our last attempt). Run once every such
// charge must have landed, the task lists the provider's charges for the order and refunds each one
// that still holds money, under a key per charge, so a retried task refunds once.
import type { JobContext, JobHandler } from '@emporium/jobs';
import type { Pool } from '@emporium/service-kit';
import type { PaymentProvider } from '../provider/provider-client.js';
import { findPayment } from '../store/payment-store.js';
import { recordStrayCharge } from '../store/stray-charge-store.js';
import { reconcileJobOf } from './queue.js';

type Log = { warn(o: object, m: string): void; error(o: object, m: string): void };

export interface ReconcileDeps {
  pool: Pool;
  provider: PaymentProvider;
  log: Log;
}

/** The refund key of a stray charge: one per charge. */
export const strayRefundKeyOf = (chargeId: string) => `stray-${chargeId}`;

export function reconcileTask({ pool, provider, log }: ReconcileDeps): JobHandler {
  return async (payload, context: JobContext) => {
    const job = reconcileJobOf(payload);
    const payment = await findPayment(pool, job.payment_id);
    // Only a payment we failed for want of an answer can have money the provider holds by mistake.
    if (payment?.status !== 'declined' || payment.failureReason !== 'provider_unavailable') return;
    const listed = await provider.chargesFor(payment.orderId);
    // No answer: graphile-worker retries with exponential backoff (for days, up to the job's ceiling).
    if (listed.kind === 'unavailable') throw new Error(`payment provider unavailable: ${listed.detail}`);
    for (const charge of listed.charges) {
      const held = charge.amount - charge.amount_refunded;
      if (held <= 0) continue;
      const answer = await provider.refund({ charge: charge.id, amount: held }, strayRefundKeyOf(charge.id));
      if (answer.kind === 'unavailable' && !context.isLastAttempt) {
        throw new Error(`payment provider unavailable: ${answer.detail}`);
      }
      const stray = { id: charge.id, paymentId: payment.id, amount: held, currency: charge.currency };
      if (answer.kind === 'refunded') {
        await recordStrayCharge(pool, stray, { status: 'refunded', providerRefundId: answer.refundId });
        log.warn({ payment_id: payment.id, charge_id: charge.id, amount: held }, 'stray charge refunded');
      } else {
        await recordStrayCharge(pool, stray, { status: 'refund_failed', failure: answer.detail });
        // Money held for a failed payment that the provider will not give back: a person must look.
        log.error({ payment_id: payment.id, charge_id: charge.id, detail: answer.detail }, 'stray charge not refunded');
      }
    }
  };
}
