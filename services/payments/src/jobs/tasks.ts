// The job runner's tasks: the provider calls of charges and refunds, made outside any transaction with
// a key derived from the payment (or refund), so a job retried after a crash (before or after the
// provider answered) gets the same charge back instead of making a second one.
import type { JobContext, JobHandler } from '@emporium/jobs';
import { type Pool, withTransaction } from '@emporium/service-kit';
import { type ChargeResult, chargeKeyOf, refundKeyOf } from '../domain/payment.js';
import { settleCharge } from '../flows/charging.js';
import { type RefundResult, settleRefund } from '../flows/refunding.js';
import type { PaymentProvider } from '../provider/provider-client.js';
import { findPayment } from '../store/payment-store.js';
import { findRefund } from '../store/refund-store.js';
import { CHARGE_TASK, chargeJobOf, enqueueReconcile, RECONCILE_TASK, REFUND_TASK, refundJobOf } from './queue.js';
import { reconcileTask } from './reconcile-task.js';

type Log = { warn(o: object, m: string): void; error(o: object, m: string): void };

export interface TaskSettings {
  /** Provider calls per charge before it fails with provider_unavailable. */
  chargeAttempts: number;
  /** Provider calls per refund before it is given up (and logged for a person to finish). */
  refundAttempts: number;
  /** How long after a charge failed `provider_unavailable` the provider is asked whether it charged after all. */
  reconcileAfterMs: number;
}

export interface TaskDeps {
  pool: Pool;
  provider: PaymentProvider;
  settings: TaskSettings;
  log: Log;
}

class ProviderUnavailable extends Error {}

/**
 * The provider gave no final answer: throws (the job is retried with exponential backoff, under the
 * same key) unless this was the last attempt, when the caller settles the outcome instead.
 */
function retryUnlessLast(context: JobContext, attempts: number, detail: string): void {
  if (context.attempt < attempts && !context.isLastAttempt) {
    throw new ProviderUnavailable(`payment provider unavailable: ${detail}`);
  }
}

export function paymentTasks(deps: TaskDeps): Record<string, JobHandler> {
  return { [CHARGE_TASK]: chargeTask(deps), [REFUND_TASK]: refundTask(deps), [RECONCILE_TASK]: reconcileTask(deps) };
}

function chargeTask({ pool, provider, settings }: TaskDeps): JobHandler {
  return async (payload, context) => {
    const job = chargeJobOf(payload);
    const payment = await findPayment(pool, job.payment_id);
    if (payment?.status !== 'processing') return;
    const answer = await provider.charge(
      {
        amount: payment.amount.amount,
        currency: payment.amount.currency,
        payment_method: payment.paymentMethod,
        reference: payment.orderId,
      },
      chargeKeyOf(payment),
    );
    if (answer.kind === 'unavailable') retryUnlessLast(context, settings.chargeAttempts, answer.detail);
    const result: ChargeResult =
      answer.kind === 'unavailable' ? { kind: 'declined', reason: 'provider_unavailable' } : answer;
    await withTransaction(pool, async (tx) => {
      await settleCharge(tx, payment.id, result, job.cause);
      // Without a final answer the provider may still have charged: look again once that must have landed.
      if (answer.kind === 'unavailable') {
        await enqueueReconcile(tx, payment.id, new Date(Date.now() + settings.reconcileAfterMs));
      }
    });
  };
}

function refundTask({ pool, provider, settings, log }: TaskDeps): JobHandler {
  return async (payload, context) => {
    const job = refundJobOf(payload);
    const refund = await findRefund(pool, job.refund_id);
    if (refund?.status !== 'pending') return;
    const payment = await findPayment(pool, refund.paymentId);
    const chargeId = payment?.providerChargeId;
    const answer = chargeId
      ? await provider.refund({ charge: chargeId, amount: refund.amount }, refundKeyOf(refund.id))
      : ({ kind: 'refused', detail: 'the payment has no provider charge to refund' } as const);
    if (answer.kind === 'unavailable') retryUnlessLast(context, settings.refundAttempts, answer.detail);
    const result: RefundResult =
      answer.kind === 'unavailable'
        ? { kind: 'refused', detail: `provider unavailable after ${context.attempt} attempts: ${answer.detail}` }
        : answer;
    if (result.kind === 'refused') {
      // Money owed to a customer that the provider would not give back: a person must look.
      log.error({ refund_id: refund.id, payment_id: refund.paymentId, detail: result.detail }, 'refund failed');
    }
    await withTransaction(pool, (tx) => settleRefund(tx, refund.id, result, job.cause));
  };
}
