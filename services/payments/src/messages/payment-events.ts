// What payments tells the rest of the shop, through its outbox, in the transaction of each outcome.
import {
  type CloudEvent,
  type DataOf,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
} from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Payment } from '../domain/payment.js';

const SOURCE = '/emporium/payments';

/** Payments' events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [PaymentCompleted, PaymentFailed, PaymentRefunded, PaymentRefundSkipped] as const;

/**
 * The command an outcome answers: the event carries its causation and correlation. Kept in job
 * payloads, since outcomes of provider calls are published after the command's transaction.
 */
export type Cause = Pick<CloudEvent, 'id' | 'correlationid' | 'traceparent'>;

const contextOf = (orderId: string, cause: Cause | undefined) => ({
  source: SOURCE,
  subject: orderId,
  ...(cause ? { cause } : {}),
});

export function paymentCompleted(tx: Queryable, payment: Payment, cause: Cause | undefined) {
  return publish(
    tx,
    PaymentCompleted,
    { payment_id: payment.id, order_id: payment.orderId, amount: payment.amount },
    contextOf(payment.orderId, cause),
  );
}

export function paymentFailed(tx: Queryable, orderId: string, reason: string, cause: Cause | undefined) {
  return publish(tx, PaymentFailed, { order_id: orderId, reason }, contextOf(orderId, cause));
}

export function paymentRefunded(
  tx: Queryable,
  payment: Payment,
  refund: { id: string; amount: number },
  cause: Cause | undefined,
) {
  return publish(
    tx,
    PaymentRefunded,
    {
      payment_id: payment.id,
      refund_id: refund.id,
      order_id: payment.orderId,
      amount: { amount: refund.amount, currency: payment.amount.currency },
    },
    contextOf(payment.orderId, cause),
  );
}

export type SkipReason = DataOf<typeof PaymentRefundSkipped>['reason'];

/** A RefundPayment that gives nothing back still answers, so the saga's compensation can end. */
export function paymentRefundSkipped(
  tx: Queryable,
  orderId: string,
  payment: Payment | undefined,
  reason: SkipReason,
  cause: Cause | undefined,
) {
  return publish(
    tx,
    PaymentRefundSkipped,
    {
      order_id: orderId,
      payment_id: payment?.id ?? null,
      reason,
      refunded: payment ? { amount: payment.refundedAmount, currency: payment.amount.currency } : null,
    },
    contextOf(orderId, cause),
  );
}

/** Just the fields of a command that an answer to it needs (and that a job payload can carry). */
export const causeOf = (command: Cause): Cause => ({
  id: command.id,
  ...(command.correlationid ? { correlationid: command.correlationid } : {}),
  ...(command.traceparent ? { traceparent: command.traceparent } : {}),
});
