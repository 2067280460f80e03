// An order as the API shows it (API.md "orders").
import type { OrderDetail } from '../store/order-store.js';

export function toOrderJson(order: OrderDetail) {
  return {
    id: order.id,
    customer_id: order.customer_id,
    status: order.status,
    ...(order.reason ? { reason: order.reason } : {}),
    items: order.lines,
    total: { amount: order.total_amount, currency: order.currency.trim() },
    payment_method: order.payment_method,
    shipping_address: order.shipping_address,
    status_history: order.history.map((h) => ({
      status: h.status,
      at: h.at.toISOString(),
      ...(h.reason ? { reason: h.reason } : {}),
    })),
    created_at: order.created_at.toISOString(),
    updated_at: order.updated_at.toISOString(),
  };
}
export type OrderJson = ReturnType<typeof toOrderJson>;
