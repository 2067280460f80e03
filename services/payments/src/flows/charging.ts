// ProcessPayment and the end of its charge. The command only records the intent and adds the charge
// job, in its own transaction; the provider is called by the job, outside any transaction, and the
// outcome is committed (payment, ledger, event) in one transaction afterwards. A repeated command
// charges nothing new: it re-announces the outcome once there is one.
import type { EventOf, ProcessPayment } from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { captureEntries } from '../domain/ledger.js';
import {
  CANCELLED,
  type ChargeResult,
  outcomeToAnnounce,
  type Payment,
  settledWithoutProvider,
} from '../domain/payment.js';
import { enqueueCharge } from '../jobs/queue.js';
import { type Cause, causeOf, paymentCompleted, paymentFailed } from '../messages/payment-events.js';
import { recordMovement } from '../store/ledger-store.js';
import {
  insertPayment,
  isOrderCancelled,
  lockOrder,
  lockPayment,
  lockPaymentOfOrder,
  markCaptured,
  markDeclined,
} from '../store/payment-store.js';
import { dropDeferredRefunds, startDeferredRefunds } from './refunding.js';

export async function processPayment(tx: Queryable, command: EventOf<typeof ProcessPayment>): Promise<void> {
  const { order_id: orderId, customer_id: customerId, amount, payment_method: paymentMethod } = command.data;
  await lockOrder(tx, orderId);
  if (await isOrderCancelled(tx, orderId)) {
    await paymentFailed(tx, orderId, CANCELLED, command);
    return;
  }
  const existing = await lockPaymentOfOrder(tx, orderId);
  if (existing) return announceOutcome(tx, existing, command);

  const intent = { id: uuidv7(), orderId, customerId, amount, paymentMethod };
  const known = settledWithoutProvider(intent);
  const payment = await insertPayment(tx, intent, known);
  if (known) return announceSettled(tx, payment, known, command);
  await enqueueCharge(tx, payment.id, causeOf(command));
}

async function announceOutcome(tx: Queryable, payment: Payment, cause: Cause): Promise<void> {
  switch (outcomeToAnnounce(payment)) {
    case 'completed':
      await paymentCompleted(tx, payment, cause);
      return;
    case 'failed':
      await paymentFailed(tx, payment.orderId, payment.failureReason ?? 'payment_declined', cause);
      return;
    case 'none':
      return; // the charge job announces it when it lands
  }
}

async function announceSettled(tx: Queryable, payment: Payment, result: ChargeResult, cause: Cause) {
  if (result.kind === 'captured') await paymentCompleted(tx, payment, cause);
  else await paymentFailed(tx, payment.orderId, result.reason, cause);
}

/**
 * Commits the provider's final answer for a processing payment: its status, the capture's ledger
 * entries, the outcome event, and any refund asked for meanwhile. A payment already settled (by an
 * earlier run of the job) is left alone, so a job retried after its commit changes nothing.
 */
export async function settleCharge(
  tx: Queryable,
  paymentId: string,
  result: ChargeResult,
  cause: Cause | undefined,
): Promise<void> {
  const payment = await lockPayment(tx, paymentId);
  if (payment?.status !== 'processing') return;
  if (result.kind === 'declined') {
    await markDeclined(tx, paymentId, result.reason);
    await paymentFailed(tx, payment.orderId, result.reason, cause);
    await dropDeferredRefunds(tx, payment);
    return;
  }
  const captured = await markCaptured(tx, paymentId, result.chargeId);
  if (captured.amount.amount > 0) {
    await recordMovement(tx, {
      kind: 'capture',
      paymentId,
      currency: captured.amount.currency,
      entries: captureEntries(captured.amount.amount),
    });
  }
  await paymentCompleted(tx, captured, cause);
  await startDeferredRefunds(tx, captured);
}
