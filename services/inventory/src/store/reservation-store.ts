// SQL for reservations: one row per order (claimed first, so that two commands for one order take
// turns), and the lines of a successful reservation.
import type { Queryable } from '@emporium/service-kit';
import type { Line, ReservationStatus, Shortage } from '../domain/reservation.js';

export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  shortages: Shortage[];
  releaseReason: string | null;
}

interface ReservationRow {
  order_id: string;
  status: ReservationStatus;
  shortages: Shortage[];
  release_reason: string | null;
}

const toReservation = (row: ReservationRow): Reservation => ({
  orderId: row.order_id,
  status: row.status,
  shortages: row.shortages,
  releaseReason: row.release_reason,
});

/**
 * Creates the order's reservation row in `status` if it has none; true when this call created it. A
 * concurrent claim of the same order waits until this transaction ends, then finds the row.
 */
export async function claimReservation(
  tx: Queryable,
  orderId: string,
  status: ReservationStatus,
  releaseReason: string | null = null,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO reservations (order_id, status, release_reason) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO NOTHING`,
    [orderId, status, releaseReason],
  );
  return rowCount === 1;
}

/** Reads the order's reservation and locks it until `tx` ends. */
export async function lockReservation(tx: Queryable, orderId: string): Promise<Reservation | undefined> {
  const { rows } = await tx.query<ReservationRow>(
    'SELECT order_id, status, shortages, release_reason FROM reservations WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return rows[0] && toReservation(rows[0]);
}

export async function insertLines(tx: Queryable, orderId: string, lines: Line[]): Promise<void> {
  await tx.query(
    `INSERT INTO reservation_lines (order_id, product_id, quantity)
     SELECT $1, product_id, quantity FROM unnest($2::uuid[], $3::integer[]) AS l (product_id, quantity)`,
    [orderId, lines.map((l) => l.productId), lines.map((l) => l.quantity)],
  );
}

/** The order's reserved lines, in product id order (the lock order). */
export async function linesOfReservation(db: Queryable, orderId: string): Promise<Line[]> {
  const { rows } = await db.query<{ product_id: string; quantity: number }>(
    'SELECT product_id, quantity FROM reservation_lines WHERE order_id = $1 ORDER BY product_id',
    [orderId],
  );
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
}

export async function markFailed(tx: Queryable, orderId: string, shortages: Shortage[]): Promise<void> {
  await tx.query("UPDATE reservations SET status = 'failed', shortages = $2, updated_at = now() WHERE order_id = $1", [
    orderId,
    JSON.stringify(shortages),
  ]);
}

export async function markCommitted(tx: Queryable, orderId: string): Promise<void> {
  await tx.query("UPDATE reservations SET status = 'committed', updated_at = now() WHERE order_id = $1", [orderId]);
}

export async function markReleased(tx: Queryable, orderId: string, reason: string): Promise<void> {
  await tx.query(
    "UPDATE reservations SET status = 'released', release_reason = $2, updated_at = now() WHERE order_id = $1",
    [orderId, reason],
  );
}
