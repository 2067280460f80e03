// Cancelling (until shipped: the saga compensates what it did, so a confirmed order is refunded and
// restocked) and shipping (admin, only from confirmed). Locks the saga before the order, in the same
// order the saga's own transitions do, so a cancel racing a reply cannot deadlock.
import { notFound, type Pool, type Principal, withTransaction } from '@emporium/service-kit';
import { assertCancellable, assertShippable } from '../domain/order.js';
import { orderCancelled, orderShipped } from '../messages/order-events.js';
import { changeStatus, findOrder, lockOrder, type OrderRow } from '../store/order-store.js';
import { lockSaga } from '../store/saga-store.js';
import { type OrderJson, toOrderJson } from './order-json.js';
import type { OrderSagaEngine } from './order-saga-engine.js';

const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/** The order if `principal` may see it; another customer's order is "not found", as API.md asks. */
export function visibleTo(order: OrderRow | undefined, principal: Principal, id: string): OrderRow {
  if (!order || (order.customer_id !== principal.userId && !isAdmin(principal))) {
    throw notFound(`No order ${id}`);
  }
  return order;
}

export async function cancelOrder(
  deps: { pool: Pool; saga: OrderSagaEngine },
  principal: Principal,
  id: string,
  reason: string,
): Promise<OrderJson> {
  return withTransaction(deps.pool, async (tx) => {
    await lockSaga(tx, id);
    const order = visibleTo(await lockOrder(tx, id), principal, id);
    assertCancellable(order.status);
    await deps.saga.abort(tx, id, reason);
    const refunded = { amount: order.status === 'confirmed' ? order.total_amount : 0, currency: order.currency.trim() };
    await orderCancelled(tx, await changeStatus(tx, id, 'cancelled', reason), reason, refunded);
    return toOrderJson((await findOrder(tx, id)) as NonNullable<Awaited<ReturnType<typeof findOrder>>>);
  });
}

export async function shipOrder(pool: Pool, id: string): Promise<OrderJson> {
  return withTransaction(pool, async (tx) => {
    const order = await lockOrder(tx, id);
    if (!order) throw notFound(`No order ${id}`);
    assertShippable(order.status);
    await orderShipped(tx, await changeStatus(tx, id, 'shipped'));
    return toOrderJson((await findOrder(tx, id)) as NonNullable<Awaited<ReturnType<typeof findOrder>>>);
  });
}
