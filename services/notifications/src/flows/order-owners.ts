// Knowing whose order it is. Order events name the customer; refund events name only the order, and
// travel on another stream, so a refund can arrive first: it then waits here until an order event
// names the owner, and is notified in that event's transaction.
import type { EventOf, PaymentRefunded } from '@emporium/contracts';
import type { PoolClient } from '@emporium/service-kit';
import {
  findOrderOwner,
  lockOrder,
  parkRefund,
  saveOrderOwner,
  takeParkedRefunds,
} from '../store/order-owners-store.js';
import { notify } from './notify.js';

type RefundEvent = EventOf<typeof PaymentRefunded>;

/** Records that `customerId` owns `orderId`, and notifies the refunds that were waiting for it. */
export async function learnOrderOwner(tx: PoolClient, orderId: string, customerId: string): Promise<void> {
  await lockOrder(tx, orderId);
  await saveOrderOwner(tx, orderId, customerId);
  // Parked envelopes were validated against the contract when they arrived.
  for (const refund of (await takeParkedRefunds(tx, orderId)) as RefundEvent[]) {
    await notifyRefund(tx, refund, customerId);
  }
}

/** Notifies a refund to its order's owner, or keeps it until the owner is known. */
export async function handleRefund(tx: PoolClient, refund: RefundEvent): Promise<void> {
  const orderId = refund.data.order_id;
  await lockOrder(tx, orderId);
  const owner = await findOrderOwner(tx, orderId);
  if (owner) await notifyRefund(tx, refund, owner);
  else await parkRefund(tx, refund.id, orderId, refund);
}

function notifyRefund(tx: PoolClient, refund: RefundEvent, customerId: string) {
  return notify(tx, customerId, refund, {
    template: 'refund_issued',
    data: { order_id: refund.data.order_id, amount: refund.data.amount },
  });
}
