// Small factories for the domain events analytics consumes: an order's story (created, confirmed,
// shipped, cancelled, rejected, refunded), product announcements, and envelopes stamped at a given time.
import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  type DataOf,
  type EventOf,
  type MessageDefinition,
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

/** An envelope for `data` whose time is `at`, as its producer would have stamped it. */
export function eventAt<D extends MessageDefinition>(
  definition: D,
  data: DataOf<D>,
  at: string,
  subject: string,
): EventOf<D> {
  const source = `/emporium/${definition.service}`;
  return { ...createEnvelope(definition, data, { source, subject }), time: at };
}

export const usd = (amount: number) => ({ amount, currency: 'USD' });

export interface Line {
  product_id: string;
  quantity: number;
  unit_price: { amount: number; currency: string };
}

export const line = (productId: string, quantity: number, unitPrice: number): Line => ({
  product_id: productId,
  quantity,
  unit_price: usd(unitPrice),
});

/** One order's events; each method makes the event of one step at the time given. */
export function orderStory(lines: Line[] = [line(randomUUID(), 1, 1000)]) {
  const order_id = randomUUID();
  const customer_id = randomUUID();
  const party = { order_id, customer_id };
  const total = usd(lines.reduce((sum, l) => sum + l.quantity * l.unit_price.amount, 0));
  const payment_id = randomUUID();
  return {
    orderId: order_id,
    total,
    created: (at: string) => eventAt(OrderCreated, { ...party, items: lines, total, created_at: at }, at, order_id),
    confirmed: (at: string) => eventAt(OrderConfirmed, { ...party, total, confirmed_at: at }, at, order_id),
    shipped: (at: string) => eventAt(OrderShipped, { ...party, shipped_at: at }, at, order_id),
    cancelled: (at: string) =>
      eventAt(OrderCancelled, { ...party, reason: 'customer asked', refunded: total, cancelled_at: at }, at, order_id),
    rejected: (at: string, reason: string) =>
      eventAt(OrderRejected, { ...party, reason, rejected_at: at }, at, order_id),
    refunded: (at: string, amount = total.amount) =>
      eventAt(PaymentRefunded, { payment_id, refund_id: randomUUID(), order_id, amount: usd(amount) }, at, payment_id),
  };
}

export function productAnnounced(productId: string, name: string, sku: string, at: string) {
  const state = { product_id: productId, sku, name, category: 'kitchen', price: usd(1000), active: true };
  return eventAt(ProductCreated, { ...state, created_at: at }, at, productId);
}

export function productRenamed(productId: string, name: string, sku: string, at: string) {
  const state = { product_id: productId, sku, name, category: 'kitchen', price: usd(1000), active: true };
  return eventAt(ProductUpdated, { ...state, changed: ['name'], updated_at: at }, at, productId);
}

export function productDiscontinued(productId: string, sku: string, at: string) {
  return eventAt(ProductDiscontinued, { product_id: productId, sku, discontinued_at: at }, at, productId);
}

/** The same events in an order fixed by `seed` (a small linear congruential shuffle, so failures replay). */
export function shuffled<T>(events: readonly T[], seed: number): T[] {
  const out = [...events];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
