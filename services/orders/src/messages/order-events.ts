// What the orders service tells the rest of the shop (its events, through its outbox, in the
// transaction of each change) and the commands its saga sends to inventory and payments.
import {
  CommitReservation,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  ProcessPayment,
  RefundPayment,
  ReleaseInventory,
  ReserveInventory,
} from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Money, PricedLine } from '../domain/order.js';
import type { OrderRow } from '../store/order-store.js';

const SOURCE = '/emporium/orders';

/** Everything orders publishes: its events and its saga's commands. */
export const PUBLISHES = [
  OrderCreated,
  OrderConfirmed,
  OrderRejected,
  OrderShipped,
  OrderCancelled,
  ReserveInventory,
  CommitReservation,
  ReleaseInventory,
  ProcessPayment,
  RefundPayment,
] as const;

type Cause = Parameters<typeof publish>[3]['cause'];
const context = (order: { id: string }, cause?: Cause) => ({
  source: SOURCE,
  subject: order.id,
  ...(cause ? { cause } : {}),
});
const party = (order: OrderRow) => ({ order_id: order.id, customer_id: order.customer_id });
const money = (order: OrderRow): Money => ({ amount: order.total_amount, currency: order.currency.trim() });

export function orderCreated(tx: Queryable, order: OrderRow, lines: PricedLine[]) {
  return publish(
    tx,
    OrderCreated,
    {
      ...party(order),
      items: lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price: l.unit_price })),
      total: money(order),
      created_at: order.created_at.toISOString(),
    },
    context(order),
  );
}

export function orderConfirmed(tx: Queryable, order: OrderRow, cause?: Cause) {
  return publish(
    tx,
    OrderConfirmed,
    { ...party(order), total: money(order), confirmed_at: order.updated_at.toISOString() },
    context(order, cause),
  );
}

export function orderRejected(tx: Queryable, order: OrderRow, reason: string, cause?: Cause) {
  return publish(
    tx,
    OrderRejected,
    { ...party(order), reason, rejected_at: order.updated_at.toISOString() },
    context(order, cause),
  );
}

export function orderShipped(tx: Queryable, order: OrderRow) {
  return publish(tx, OrderShipped, { ...party(order), shipped_at: order.updated_at.toISOString() }, context(order));
}

export function orderCancelled(tx: Queryable, order: OrderRow, reason: string, refunded: Money) {
  return publish(
    tx,
    OrderCancelled,
    { ...party(order), reason, refunded, cancelled_at: order.updated_at.toISOString() },
    context(order),
  );
}
