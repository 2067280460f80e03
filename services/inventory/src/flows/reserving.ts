// ReserveInventory: every line of an order or none, once per order. A repeated command (a saga retry
// under a new message id) re-announces the order's outcome instead of reserving again.
import type { EventOf, ReserveInventory } from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';
import { RESERVE } from '../domain/movements.js';
import { linesOf, shortagesOf } from '../domain/reservation.js';
import { availableOf } from '../domain/stock.js';
import { inventoryReserved, reservationFailed } from '../messages/inventory-events.js';
import {
  claimReservation,
  insertLines,
  linesOfReservation,
  lockReservation,
  markFailed,
} from '../store/reservation-store.js';
import { lockStocksOf, moveLockedStock } from './stock-movements.js';

export async function reserveInventory(tx: Queryable, command: EventOf<typeof ReserveInventory>): Promise<void> {
  const orderId = command.data.order_id;
  // The order's row is claimed before any stock row is locked: every flow locks in that order.
  if (!(await claimReservation(tx, orderId, 'reserved'))) return announceOutcome(tx, orderId, command);
  const lines = linesOf(command.data.items);
  const before = await lockStocksOf(tx, lines);
  const available = new Map([...before].map(([id, level]) => [id, availableOf(level)]));
  const shortages = shortagesOf(lines, available);
  if (shortages.length > 0) {
    await markFailed(tx, orderId, shortages);
    await reservationFailed(tx, orderId, shortages, command);
    return;
  }
  await moveLockedStock(tx, before, lines, RESERVE, command);
  await insertLines(tx, orderId, lines);
  await inventoryReserved(tx, orderId, lines, command);
}

/**
 * The answer to a repeated ReserveInventory. A released order is refused, with no shortages unless
 * its first attempt had some: its stock was given back (or the release came first), and reserving it
 * now would hold units for an order the saga has given up on.
 */
async function announceOutcome(
  tx: Queryable,
  orderId: string,
  command: EventOf<typeof ReserveInventory>,
): Promise<void> {
  const reservation = await lockReservation(tx, orderId);
  if (!reservation) throw new Error(`the reservation of order ${orderId} vanished after its claim failed`);
  switch (reservation.status) {
    case 'reserved':
    case 'committed':
      await inventoryReserved(tx, orderId, await linesOfReservation(tx, orderId), command);
      return;
    case 'failed':
    case 'released':
      await reservationFailed(tx, orderId, reservation.shortages, command);
      return;
  }
}
