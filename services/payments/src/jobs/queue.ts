// The payments service's background jobs as the rest of the code sees them: their names, payloads and
// keys. A job is added in the transaction that asks for it, so it exists exactly when that commits.
import { enqueueJob } from '@emporium/jobs';
import type { Queryable } from '@emporium/service-kit';
import type { Cause } from '../messages/payment-events.js';

export const CHARGE_TASK = 'payments.charge';
export const REFUND_TASK = 'payments.refund';
export const RECONCILE_TASK = 'payments.reconcile';

// A backstop only: the tasks stop calling the provider after their configured attempts and settle
// the outcome (see tasks.ts); more retries than this would mean the outcome cannot even be committed.
const JOB_ATTEMPTS_CEILING = 25;

export interface ChargeJob {
  payment_id: string;
  /** The ProcessPayment being answered. */
  cause?: Cause;
}

export interface RefundJob {
  refund_id: string;
  /** The RefundPayment being answered; none for an admin's refund. */
  cause?: Cause;
}

export function enqueueCharge(tx: Queryable, paymentId: string, cause: Cause): Promise<void> {
  const job: ChargeJob = { payment_id: paymentId, cause };
  return enqueueJob(tx, CHARGE_TASK, job, { jobKey: `charge:${paymentId}`, maxAttempts: JOB_ATTEMPTS_CEILING });
}

export function enqueueRefund(tx: Queryable, refundId: string, cause: Cause | undefined): Promise<void> {
  const job: RefundJob = { refund_id: refundId, ...(cause ? { cause } : {}) };
  return enqueueJob(tx, REFUND_TASK, job, { jobKey: `refund:${refundId}`, maxAttempts: JOB_ATTEMPTS_CEILING });
}

export interface ReconcileJob {
  payment_id: string;
}

/** Reconciles a payment with the provider at `runAt`, once any charge still in flight must have landed. */
export function enqueueReconcile(tx: Queryable, paymentId: string, runAt: Date): Promise<void> {
  const job: ReconcileJob = { payment_id: paymentId };
  return enqueueJob(tx, RECONCILE_TASK, job, {
    jobKey: `reconcile:${paymentId}`,
    maxAttempts: JOB_ATTEMPTS_CEILING,
    runAt,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The job's payload, checked: it was written by enqueueCharge, but rows can be edited by hand. */
export function chargeJobOf(payload: unknown): ChargeJob {
  if (isRecord(payload) && typeof payload.payment_id === 'string') return payload as unknown as ChargeJob;
  throw new Error(`a ${CHARGE_TASK} job needs a payment_id; got ${JSON.stringify(payload)}`);
}

export function refundJobOf(payload: unknown): RefundJob {
  if (isRecord(payload) && typeof payload.refund_id === 'string') return payload as unknown as RefundJob;
  throw new Error(`a ${REFUND_TASK} job needs a refund_id; got ${JSON.stringify(payload)}`);
}

export function reconcileJobOf(payload: unknown): ReconcileJob {
  if (isRecord(payload) && typeof payload.payment_id === 'string') return payload as unknown as ReconcileJob;
  throw new Error(`a ${RECONCILE_TASK} job needs a payment_id; got ${JSON.stringify(payload)}`);
}
