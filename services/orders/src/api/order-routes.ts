// The orders API (API.md "orders"): place, list, read, cancel, ship, and an order's saga timeline.
import {
  decodeCursor,
  forbidden,
  notFound,
  type Pool,
  type Principal,
  type ServiceApp,
  Type,
  toPage,
} from '@emporium/service-kit';
import { cancelOrder, shipOrder, visibleTo } from '../flows/change-order.js';
import { toOrderJson } from '../flows/order-json.js';
import type { OrderStatusFeed } from '../flows/order-status-feed.js';
import { type OrderDeps, placeOrder } from '../flows/place-order.js';
import { detailsOf, findOrder, listOrders } from '../store/order-store.js';
import { findSaga, stepLogOf } from '../store/saga-store.js';
import { streamOrderStatus } from './order-events.js';
import {
  cancelOrderRoute,
  getOrderRoute,
  type ListOrdersQuery,
  listOrdersRoute,
  orderEventsRoute,
  orderSagaRoute,
  placeOrderRoute,
  shipOrderRoute,
} from './order-schemas.js';

// The route table: one line per route, naming its handler; schemas and access levels in order-schemas.ts.
export function registerOrderRoutes(app: ServiceApp, deps: OrderDeps & { feed: OrderStatusFeed }): void {
  app.post('/v1/orders', placeOrderRoute, async (req, reply) => {
    const principal = req.principal as Principal;
    const { order, replayed } = await placeOrder(deps, principal.userId, req.body, req.headers['idempotency-key']);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(202).send(order);
  });
  app.get('/v1/orders', listOrdersRoute, (req) => listVisibleOrders(deps.pool, req.query, req.principal as Principal));
  app.get('/v1/orders/:id', getOrderRoute, (req) => getOrder(deps.pool, req.params.id, req.principal as Principal));
  app.post('/v1/orders/:id/cancel', cancelOrderRoute, async (req, reply) => {
    const principal = req.principal as Principal;
    const reason = principal.roles.includes('admin') ? 'cancelled_by_admin' : 'cancelled_by_customer';
    return reply.code(202).send(await cancelOrder(deps, principal, req.params.id, reason));
  });
  app.post('/v1/orders/:id/ship', shipOrderRoute, (req) => shipOrder(deps.pool, req.params.id));
  app.get('/v1/orders/:id/events', orderEventsRoute, async (req, reply) => {
    await streamOrderStatus(deps, req.principal as Principal, req.params.id, reply);
  });
  app.get('/v1/orders/:id/saga', orderSagaRoute, (req) => sagaOf(deps.pool, req.params.id));
}

const Position = Type.Object({ created_at: Type.String(), id: Type.String({ format: 'uuid' }) });

async function listVisibleOrders(pool: Pool, query: ListOrdersQuery, principal: Principal) {
  const admin = principal.roles.includes('admin');
  if (query.customer_id && !admin) throw forbidden('Only admins may list another customer’s orders');
  const rows = await listOrders(pool, {
    customerId: admin ? query.customer_id : principal.userId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor, Position) } : {}),
    limit: query.limit,
  });
  const page = toPage(rows, query.limit, (last) => ({ created_at: last.created_at.toISOString(), id: last.id }));
  return {
    items: (
      await detailsOf(
        pool,
        page.items.map((o) => o.id),
      )
    ).map(toOrderJson),
    next_cursor: page.next_cursor,
  };
}

async function getOrder(pool: Pool, id: string, principal: Principal) {
  const order = await findOrder(pool, id);
  visibleTo(order, principal, id);
  return toOrderJson(order as NonNullable<typeof order>);
}

async function sagaOf(pool: Pool, id: string) {
  const saga = await findSaga(pool, id);
  if (!saga) throw notFound(`No saga for order ${id}`);
  const timeline = await stepLogOf(pool, id);
  return {
    order_id: id,
    status: saga.status,
    current_step:
      saga.status === 'running' ? (timeline.filter((e) => e.event === 'started').at(-1)?.step ?? null) : null,
    completed_steps: saga.completed_steps,
    awaiting_compensation: saga.awaiting,
    deadline_at: saga.deadline_at?.toISOString() ?? null,
    outcome_reason: saga.outcome_reason,
    timeline: timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
