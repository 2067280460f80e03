// Orders at each point of the saga, for the contract tests: placed through the real route, moved on by
// the saga's own reply handlers. Each call is a new order of two units of a new product.
import assert from 'node:assert/strict';
import { InventoryReserved, PaymentCompleted } from '@emporium/contracts';
import { orderBody, type TestOrders } from '../support/orders.js';

export interface PlacedOrder {
  id: string;
  productId: string;
}

export async function placeOrder(orders: TestOrders): Promise<PlacedOrder> {
  const product = orders.addProduct({ price: { amount: 1299, currency: 'USD' } });
  const res = await orders.app.inject({
    method: 'POST',
    url: '/v1/orders',
    headers: orders.customer,
    payload: orderBody([{ product_id: product.id, quantity: 2 }]),
  });
  assert.equal(res.statusCode, 202, res.body);
  return { id: res.json<{ id: string }>().id, productId: product.id };
}

/** Inventory answered: the order's stock is reserved. */
export async function reservedOrder(orders: TestOrders, order?: PlacedOrder): Promise<PlacedOrder> {
  const placed = order ?? (await placeOrder(orders));
  await orders.deliver(InventoryReserved, {
    order_id: placed.id,
    items: [{ product_id: placed.productId, quantity: 2 }],
  });
  return placed;
}

/** Payments answered too: the order is confirmed. */
export async function confirmedOrder(orders: TestOrders): Promise<PlacedOrder> {
  const order = await reservedOrder(orders);
  await orders.deliver(PaymentCompleted, {
    payment_id: crypto.randomUUID(),
    order_id: order.id,
    amount: { amount: 2598, currency: 'USD' },
  });
  return order;
}
