// Placing an order (DESIGN.md saga step 1): prices from the catalog, then in one transaction the order
// `pending`, its saga, OrderCreated and ReserveInventory. With an Idempotency-Key, a replay returns the
// first answer and places nothing. While the saga is too far behind, a new order is refused (admission.ts).
import { type Pool, type PoolClient, withIdempotency, withTransaction } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import type { CatalogClient } from '../clients/catalog-client.js';
import { mergeLines, priceLines, type RequestedLine } from '../domain/order.js';
import { orderCreated } from '../messages/order-events.js';
import { findOrder, insertOrder, lockOrder, type ShippingAddress } from '../store/order-store.js';
import type { OrderAdmission } from './admission.js';
import { type OrderJson, toOrderJson } from './order-json.js';
import type { OrderSagaEngine } from './order-saga-engine.js';

export interface PlaceOrderRequest {
  items: RequestedLine[];
  payment_method: string;
  shipping_address: ShippingAddress;
}

export interface OrderDeps {
  pool: Pool;
  catalog: CatalogClient;
  saga: OrderSagaEngine;
  /** Refuses new orders while the saga is too far behind (a replay is still answered). */
  admission?: OrderAdmission;
}

export async function placeOrder(
  deps: OrderDeps,
  customerId: string,
  request: PlaceOrderRequest,
  idempotencyKey: string | undefined,
): Promise<{ order: OrderJson; replayed: boolean }> {
  const place = async (tx: PoolClient) => {
    deps.admission?.admit();
    const requested = mergeLines(request.items);
    const { lines, total } = priceLines(requested, await deps.catalog.products(requested.map((l) => l.product_id)));
    const id = uuidv7();
    await insertOrder(tx, {
      id,
      customer_id: customerId,
      lines,
      total,
      payment_method: request.payment_method,
      shipping_address: request.shipping_address,
    });
    const row = await lockOrder(tx, id);
    if (!row) throw new Error('the order just inserted is missing');
    await orderCreated(tx, row, lines);
    await deps.saga.start(tx, id, {
      order_id: id,
      customer_id: customerId,
      items: lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price: l.unit_price })),
      total,
      payment_method: request.payment_method,
    });
    const order = await findOrder(tx, id);
    return { statusCode: 202, body: toOrderJson(order as NonNullable<typeof order>) };
  };
  return withTransaction(deps.pool, async (tx) => {
    if (!idempotencyKey) return { order: (await place(tx)).body, replayed: false };
    const result = await withIdempotency(tx, { scope: `orders:${customerId}`, key: idempotencyKey, request }, () =>
      place(tx),
    );
    return { order: result.body, replayed: result.replayed };
  });
}
