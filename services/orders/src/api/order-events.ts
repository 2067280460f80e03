// GET /v1/orders/{id}/events: the order as Server-Sent Events, one `status` event per status change
// (data = the order, as GET /v1/orders/{id} shows it), the current state first, ending at a final
// status. Same access rules as reading the order. Comment lines keep idle proxies from closing it.
import { PassThrough } from 'node:stream';
import type { Pool, Principal } from '@emporium/service-kit';
import type { FastifyReply } from 'fastify';
import { FINAL_STATUSES } from '../domain/order.js';
import { visibleTo } from '../flows/change-order.js';
import { toOrderJson } from '../flows/order-json.js';
import type { OrderStatusFeed } from '../flows/order-status-feed.js';
import { findOrder } from '../store/order-store.js';

const HEARTBEAT_MS = 15_000;

export async function streamOrderStatus(
  deps: { pool: Pool; feed: OrderStatusFeed },
  principal: Principal,
  id: string,
  reply: FastifyReply,
): Promise<FastifyReply> {
  visibleTo(await findOrder(deps.pool, id), principal, id); // 404 before any event is sent
  const stream = new PassThrough();
  let sent = 0; // status changes already sent (the history's length)
  let done = false;
  let pushing: Promise<void> = Promise.resolve();

  const finish = () => {
    if (done) return;
    done = true;
    unwatch();
    clearInterval(heartbeat);
    stream.end();
  };
  const push = () => {
    pushing = pushing
      .then(async () => {
        if (done) return;
        const order = await findOrder(deps.pool, id);
        if (!order || order.history.length === sent) return;
        sent = order.history.length;
        stream.write(`id: ${sent}\nevent: status\ndata: ${JSON.stringify(toOrderJson(order))}\n\n`);
        if (FINAL_STATUSES.includes(order.status)) finish();
      })
      .catch(() => finish());
  };
  // Watch before reading, so a change between the read and the watch is not missed.
  const unwatch = deps.feed.watch(id, push);
  const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
  reply.raw.on('close', finish);
  push();
  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('x-accel-buffering', 'no')
    .send(stream);
}
