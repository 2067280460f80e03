// What payments tells the rest of the shop, through its outbox, in the transaction of each outcome.
import { type CloudEvent, PaymentCompleted, PaymentFailed, PaymentRefunded } from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Payment } from '../domain/payment.js';

const SOURCE = '/emporium/payments';

/** Payments' events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [PaymentCompleted, PaymentFailed, PaymentRefunded] as const;

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

/** Just the fields of a command that an answer to it needs (and that a job payload can carry). */
export const causeOf = (command: Cause): Cause => ({
  id: command.id,
  ...(command.correlationid ? { correlationid: command.correlationid } : {}),
  ...(command.traceparent ? { traceparent: command.traceparent } : {}),
});
