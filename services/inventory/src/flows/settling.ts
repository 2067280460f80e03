// CommitReservation and ReleaseInventory: how an order's reservation ends, each at most once whatever
// the saga repeats or reorders.
import type { CommitReservation, EventOf, ReleaseInventory } from '@emporium/contracts';
import type { HandlerContext } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import { COMMIT, RESTOCK, UNRESERVE } from '../domain/movements.js';
import { commitEffectOf, releaseEffectOf } from '../domain/reservation.js';
import { inventoryReleased } from '../messages/inventory-events.js';
import {
  claimReservation,
  linesOfReservation,
  lockReservation,
  markCommitted,
  markReleased,
} from '../store/reservation-store.js';
import { lockStocksOf, moveLockedStock } from './stock-movements.js';

/** Reserved units become a sale. A commit for an order with no held reservation changes nothing. */
export async function commitReservation(
  tx: Queryable,
  command: EventOf<typeof CommitReservation>,
  { log }: HandlerContext,
): Promise<void> {
  const orderId = command.data.order_id;
  const reservation = await lockReservation(tx, orderId);
  const effect = commitEffectOf(reservation?.status);
  if (effect === 'already_committed') return;
  if (effect === 'ignore') {
    // Not an error to retry: redelivering it cannot help. The saga sent it out of turn; say so.
    log.warn(
      { message_id: command.id, order_id: orderId, reservation: reservation?.status ?? 'missing' },
      'CommitReservation ignored: the order holds no reservation to commit',
    );
    return;
  }
  const lines = await linesOfReservation(tx, orderId);
  await moveLockedStock(tx, await lockStocksOf(tx, lines), lines, COMMIT, command);
  await markCommitted(tx, orderId);
}

/**
 * Gives an order's stock back: reserved units become available, sold units come back on hand. A
 * release before any reservation leaves a tombstone, so that a late reserve is refused.
 * InventoryReleased is announced once per order.
 */
export async function releaseInventory(tx: Queryable, command: EventOf<typeof ReleaseInventory>): Promise<void> {
  const { order_id: orderId, reason } = command.data;
  const tombstoned = await claimReservation(tx, orderId, 'released', reason);
  const reservation = tombstoned ? undefined : await lockReservation(tx, orderId);
  const effect = releaseEffectOf(reservation?.status);
  if (effect === 'nothing') return;
  if (effect === 'unreserve' || effect === 'restock') {
    const lines = await linesOfReservation(tx, orderId);
    await moveLockedStock(
      tx,
      await lockStocksOf(tx, lines),
      lines,
      effect === 'unreserve' ? UNRESERVE : RESTOCK,
      command,
    );
  }
  if (effect !== 'tombstone') await markReleased(tx, orderId, reason);
  await inventoryReleased(tx, orderId, reason, command);
}
