// Moving units on stock rows the caller has locked, and announcing StockLow for each row whose
// available fell below its threshold: one place, so every change (orders and admins) announces it.
import type { Queryable } from '@emporium/service-kit';
import type { Movement } from '../domain/movements.js';
import type { Line } from '../domain/reservation.js';
import { fellBelowThreshold, type StockLevel } from '../domain/stock.js';
import { type Cause, stockLow } from '../messages/inventory-events.js';
import { lockStocks, moveStock } from '../store/stock-store.js';

/** Locks the stock rows of these lines, in product id order; returns them by product id. */
export function lockStocksOf(tx: Queryable, lines: Line[]): Promise<Map<string, StockLevel>> {
  return lockStocks(
    tx,
    lines.map((l) => l.productId),
  );
}

/** Applies `movement` to every line, all or none; `before` are the rows as locked. */
export async function moveLockedStock(
  tx: Queryable,
  before: ReadonlyMap<string, StockLevel>,
  lines: Line[],
  movement: Movement,
  cause: Cause,
): Promise<void> {
  const after = await moveStock(tx, lines, movement);
  if (after.length !== lines.length) {
    // Cannot happen while the rows are locked and checked; throwing rolls everything back.
    throw new Error(`stock moved for ${after.length} of ${lines.length} lines: the change would break an invariant`);
  }
  await announceLowStock(tx, before, after, cause);
}

export async function announceLowStock(
  tx: Queryable,
  before: ReadonlyMap<string, StockLevel>,
  after: StockLevel[],
  cause: Cause | undefined,
): Promise<void> {
  for (const level of after) {
    const was = before.get(level.productId);
    if (was && fellBelowThreshold(was, level)) await stockLow(tx, level, cause);
  }
}
