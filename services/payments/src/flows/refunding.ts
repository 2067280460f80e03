// Refunds: the saga's RefundPayment (a compensation: whatever is left, or the amount it names), an
// admin's refund, and the end of each refund's provider call. A refund asked for while the charge is
// in flight waits for the capture, and one asked for while other refunds are in flight waits for their
// answers. A RefundPayment that gives nothing back (nothing left, nothing captured, no payment: then a
// tombstone) answers PaymentRefundSkipped, so the saga's compensation ends either way.
import type { EventOf, RefundPayment } from '@emporium/contracts';
import type { HandlerContext } from '@emporium/messaging';
import { type Money, notFound, type Queryable } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { refundEntries } from '../domain/ledger.js';
import type { Payment } from '../domain/payment.js';
import {
  adminRefundAmount,
  compensationAmount,
  type Refund,
  refundableOf,
  skippedBecause,
  statusAfterRefunds,
} from '../domain/refund.js';
import { enqueueRefund } from '../jobs/queue.js';
import { type Cause, causeOf, paymentRefunded, paymentRefundSkipped } from '../messages/payment-events.js';
import { recordMovement } from '../store/ledger-store.js';
import { cancelOrder, lockOrder, lockPayment, lockPaymentOfOrder, recordRefunded } from '../store/payment-store.js';
import {
  committedRefundTotal,
  deferRefund,
  findRefund,
  hasPendingRefunds,
  insertRefund,
  lockRefund,
  markRefundFailed,
  markRefundSucceeded,
  takeDeferredRefunds,
} from '../store/refund-store.js';

const ADMIN_REFUND_REASON = 'admin_refund';

export async function refundPayment(
  tx: Queryable,
  command: EventOf<typeof RefundPayment>,
  { log }: HandlerContext,
): Promise<void> {
  const { order_id: orderId, amount, reason } = command.data;
  const cause = causeOf(command);
  await lockOrder(tx, orderId);
  const payment = await lockPaymentOfOrder(tx, orderId);
  if (!payment) {
    await cancelOrder(tx, orderId, reason);
    await paymentRefundSkipped(tx, orderId, undefined, 'no_payment', cause);
    return;
  }
  if (amount && amount.currency !== payment.amount.currency) {
    // Redelivering it cannot help, and guessing an amount would move the wrong money: say so, do nothing.
    log.warn(
      { message_id: command.id, order_id: orderId, asked: amount, payment_currency: payment.amount.currency },
      'RefundPayment ignored: its amount is not in the currency of the payment',
    );
    await paymentRefundSkipped(tx, orderId, payment, 'currency_mismatch', cause);
    return;
  }
  if (payment.status === 'processing') {
    return deferRefund(tx, payment.id, { id: uuidv7(), amount: amount?.amount, reason, cause });
  }
  await startCompensation(tx, payment, amount?.amount, reason, cause);
}

async function startCompensation(
  tx: Queryable,
  payment: Payment,
  requested: number | undefined,
  reason: string,
  cause: Cause,
): Promise<void> {
  const refundable = refundableOf(payment, await committedRefundTotal(tx, payment.id));
  const amount = compensationAmount(refundable, requested);
  if (amount > 0) {
    await startRefund(tx, payment, amount, reason, cause);
  } else if (requested !== 0 && (await hasPendingRefunds(tx, payment.id))) {
    // What is left is being refunded (an admin's refund, say), but the provider may still refuse it:
    // answer once every pending refund has settled (settleRefund), from what they gave back.
    await deferRefund(tx, payment.id, { id: uuidv7(), amount: requested, reason, cause });
  } else {
    await paymentRefundSkipped(tx, payment.orderId, payment, skippedBecause(payment), cause);
  }
}

/** A pending refund and its job, which calls the provider. */
async function startRefund(
  tx: Queryable,
  payment: Payment,
  amount: number,
  reason: string,
  cause: Cause | undefined,
): Promise<Refund> {
  const refund = await insertRefund(tx, { id: uuidv7(), paymentId: payment.id, amount, reason });
  await enqueueRefund(tx, refund.id, cause);
  return refund;
}

/**
 * The capture landed, or the last pending refund settled: refunds asked for meanwhile start now (a late
 * capture is given back), or answer that nothing is left.
 */
export async function startDeferredRefunds(tx: Queryable, payment: Payment): Promise<void> {
  for (const deferred of await takeDeferredRefunds(tx, payment.id)) {
    await startCompensation(tx, payment, deferred.amount, deferred.reason, deferred.cause);
  }
}

/** The charge was declined: there is nothing to give back, which each refund asked for meanwhile hears. */
export async function dropDeferredRefunds(tx: Queryable, declined: Payment): Promise<void> {
  for (const deferred of await takeDeferredRefunds(tx, declined.id)) {
    await paymentRefundSkipped(tx, declined.orderId, declined, 'nothing_captured', deferred.cause);
  }
}

/** An admin's refund of a captured payment: all that is left unless an amount is given (409 past it). */
export async function requestRefund(
  tx: Queryable,
  paymentId: string,
  requested: Money | undefined,
): Promise<{ payment: Payment; refund: Refund }> {
  const payment = await lockPayment(tx, paymentId);
  if (!payment) throw notFound(`No payment has id ${paymentId}`);
  const refundable = refundableOf(payment, await committedRefundTotal(tx, payment.id));
  const amount = adminRefundAmount(payment, refundable, requested);
  return { payment, refund: await startRefund(tx, payment, amount, ADMIN_REFUND_REASON, undefined) };
}

export type RefundResult = { kind: 'refunded'; refundId: string } | { kind: 'refused'; detail: string };

/**
 * Commits the provider's final answer for a pending refund: on success the refund, its ledger
 * entries, the payment's refunded amount and PaymentRefunded; a refused refund frees its amount.
 * Compensations that waited for it go on once no refund of the payment is pending.
 */
export async function settleRefund(
  tx: Queryable,
  refundId: string,
  result: RefundResult,
  cause: Cause | undefined,
): Promise<void> {
  const asked = await findRefund(tx, refundId);
  // Every flow locks the payment before its refunds.
  const payment = asked && (await lockPayment(tx, asked.paymentId));
  const refund = await lockRefund(tx, refundId);
  if (!payment || refund?.status !== 'pending') return;
  const settled = await commitAnswer(tx, payment, refund, result, cause);
  if (!(await hasPendingRefunds(tx, payment.id))) await startDeferredRefunds(tx, settled);
}

/** The payment as the answer leaves it. */
async function commitAnswer(
  tx: Queryable,
  payment: Payment,
  refund: Refund,
  result: RefundResult,
  cause: Cause | undefined,
): Promise<Payment> {
  if (result.kind === 'refused') {
    await markRefundFailed(tx, refund.id, result.detail);
    return payment;
  }
  await markRefundSucceeded(tx, refund.id, result.refundId);
  await recordMovement(tx, {
    kind: 'refund',
    paymentId: payment.id,
    refundId: refund.id,
    currency: payment.amount.currency,
    entries: refundEntries(refund.amount),
  });
  const refunded = payment.refundedAmount + refund.amount;
  const status = statusAfterRefunds(payment, refunded);
  await recordRefunded(tx, payment.id, refunded, status);
  await paymentRefunded(tx, payment, refund, cause);
  return { ...payment, refundedAmount: refunded, status };
}
