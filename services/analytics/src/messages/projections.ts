// How each domain event changes the analytics store: it is appended to the event log, then (the first
// time only) applied to the read models the reports use. Handlers run in the consumer's transaction.
import type {
  CloudEvent,
  EventOf,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  PaymentRefunded,
  ProductCreated,
  ProductDiscontinued,
  ProductUpdated,
} from '@emporium/contracts';
import type { PoolClient } from '@emporium/service-kit';
import { appendEvent } from '../store/event-log-store.js';
import {
  recordConfirmedTotal,
  recordMilestone,
  recordOrderLines,
  recordRefund,
  recordRejectionReason,
} from '../store/order-facts-store.js';
import { recordProductName, recordProductSku } from '../store/product-names-store.js';

type Projection<E> = (tx: PoolClient, event: E) => Promise<void>;

/** Logs the event, then projects it; an event whose id is already logged changes nothing. */
export function logThen<E extends CloudEvent>(project: Projection<E>): Projection<E> {
  return async (tx, event) => {
    if (await appendEvent(tx, event)) await project(tx, event);
  };
}

/** For events no report reads yet: the log keeps them, so a later read model can be built from it. */
export const logOnly: Projection<CloudEvent> = logThen(async () => {});

export const orderCreated = logThen<EventOf<typeof OrderCreated>>(async (tx, { data }) => {
  await recordMilestone(tx, data.order_id, data.customer_id, 'created_at', data.created_at);
  await recordOrderLines(tx, data.order_id, data.items);
});

export const orderConfirmed = logThen<EventOf<typeof OrderConfirmed>>(async (tx, { data }) => {
  await recordMilestone(tx, data.order_id, data.customer_id, 'confirmed_at', data.confirmed_at);
  await recordConfirmedTotal(tx, data.order_id, data.total);
});

export const orderShipped = logThen<EventOf<typeof OrderShipped>>(async (tx, { data }) => {
  await recordMilestone(tx, data.order_id, data.customer_id, 'shipped_at', data.shipped_at);
});

// The money it sent back is counted from PaymentRefunded, the payments service's fact, never twice.
export const orderCancelled = logThen<EventOf<typeof OrderCancelled>>(async (tx, { data }) => {
  await recordMilestone(tx, data.order_id, data.customer_id, 'cancelled_at', data.cancelled_at);
});

export const orderRejected = logThen<EventOf<typeof OrderRejected>>(async (tx, { data }) => {
  await recordMilestone(tx, data.order_id, data.customer_id, 'rejected_at', data.rejected_at);
  await recordRejectionReason(tx, data.order_id, data.reason);
});

// PaymentRefunded carries no timestamp of its own: the envelope's time is when the refund was made.
export const paymentRefunded = logThen<EventOf<typeof PaymentRefunded>>(async (tx, { data, time }) => {
  await recordRefund(tx, {
    refundId: data.refund_id,
    paymentId: data.payment_id,
    orderId: data.order_id,
    amount: data.amount,
    refundedAt: time,
  });
});

export const productCreated = logThen<EventOf<typeof ProductCreated>>(async (tx, { data }) => {
  await recordProductName(tx, { productId: data.product_id, sku: data.sku, name: data.name, asOf: data.created_at });
});

export const productUpdated = logThen<EventOf<typeof ProductUpdated>>(async (tx, { data }) => {
  await recordProductName(tx, { productId: data.product_id, sku: data.sku, name: data.name, asOf: data.updated_at });
});

export const productDiscontinued = logThen<EventOf<typeof ProductDiscontinued>>(async (tx, { data }) => {
  await recordProductSku(tx, data.product_id, data.sku);
});
