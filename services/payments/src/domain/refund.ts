// How much a refund may give back: never more than what was captured and is not already refunded or
// being refunded. The saga's compensation takes what is left; an admin must ask within it.
import { conflict, invalid, type Money } from '@emporium/service-kit';
import type { Payment } from './payment.js';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface Refund {
  id: string;
  paymentId: string;
  amount: number;
  status: RefundStatus;
  reason: string;
  createdAt: Date;
}

/** What is still refundable, given the sum of the payment's pending and succeeded refunds. */
export function refundableOf(payment: Payment, committed: number): number {
  if (payment.status !== 'captured') return 0;
  return Math.max(0, payment.amount.amount - committed);
}

/**
 * A RefundPayment from the saga: the amount asked (all that is left when none), cut to what is left.
 * Zero means there is nothing to do: already refunded, or never captured.
 */
export function compensationAmount(refundable: number, requested: number | undefined): number {
  return Math.min(requested ?? refundable, refundable);
}

/** Why a compensation gives nothing back: earlier refunds took it all, or there was nothing to take. */
export const skippedBecause = (payment: Payment): 'already_refunded' | 'nothing_captured' =>
  payment.refundedAmount > 0 ? 'already_refunded' : 'nothing_captured';

/** An admin's refund: it must fit in what is left; none given means all of it. */
export function adminRefundAmount(payment: Payment, refundable: number, requested: Money | undefined): number {
  if (requested && requested.currency !== payment.amount.currency) {
    throw invalid(`The payment is in ${payment.amount.currency}`, [
      { path: 'body/amount/currency', message: `must be ${payment.amount.currency}` },
    ]);
  }
  if (requested?.amount === 0) {
    throw invalid('A refund must give something back', [{ path: 'body/amount/amount', message: 'must be at least 1' }]);
  }
  if (payment.status !== 'captured') {
    throw conflict(`Payment ${payment.id} is ${payment.status}: only a captured payment can be refunded`);
  }
  if (refundable === 0) throw conflict(`Payment ${payment.id} has nothing left to refund`);
  const amount = requested?.amount ?? refundable;
  if (amount > refundable) throw conflict(`Only ${refundable} of payment ${payment.id} is left to refund`);
  return amount;
}

/** The status a payment has once `refunded` of it has been given back. */
export const statusAfterRefunds = (payment: Payment, refunded: number) =>
  refunded >= payment.amount.amount ? 'refunded' : 'captured';
