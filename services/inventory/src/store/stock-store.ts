// SQL for stock rows: reading, locking (always in product id order, so that no two transactions wait
// on each other in a cycle), moving units for orders, and setting on_hand by hand.
import type { Queryable } from '@emporium/service-kit';
import type { Movement } from '../domain/movements.js';
import type { Line } from '../domain/reservation.js';
import type { StockLevel } from '../domain/stock.js';

interface StockRow {
  product_id: string;
  on_hand: number;
  reserved: number;
  low_stock_threshold: number;
}

const COLUMNS = 'product_id, on_hand, reserved, low_stock_threshold';

const toStockLevel = (row: StockRow): StockLevel => ({
  productId: row.product_id,
  onHand: row.on_hand,
  reserved: row.reserved,
  lowStockThreshold: row.low_stock_threshold,
});

export async function findStock(db: Queryable, productId: string): Promise<StockLevel | undefined> {
  const { rows } = await db.query<StockRow>(`SELECT ${COLUMNS} FROM stock WHERE product_id = $1`, [productId]);
  return rows[0] && toStockLevel(rows[0]);
}

/** The stock rows of these products that exist, by product id. */
export async function findStocks(db: Queryable, productIds: string[]): Promise<Map<string, StockLevel>> {
  const { rows } = await db.query<StockRow>(`SELECT ${COLUMNS} FROM stock WHERE product_id = ANY($1::uuid[])`, [
    productIds,
  ]);
  return new Map(rows.map((r) => [r.product_id, toStockLevel(r)]));
}

/**
 * Locks the stock rows of these products until `tx` ends and returns them by product id (missing
 * products are absent). The sort sits below the row locking in the plan, so rows are locked in
 * product id order.
 */
export async function lockStocks(tx: Queryable, productIds: string[]): Promise<Map<string, StockLevel>> {
  const { rows } = await tx.query<StockRow>(
    `SELECT ${COLUMNS} FROM stock WHERE product_id = ANY($1::uuid[]) ORDER BY product_id FOR UPDATE`,
    [productIds],
  );
  return new Map(rows.map((r) => [r.product_id, toStockLevel(r)]));
}

/** Creates an empty stock row for a product inventory has not stocked yet; nothing if it has one. */
export async function ensureStock(tx: Queryable, productId: string, lowStockThreshold: number): Promise<void> {
  await tx.query(
    'INSERT INTO stock (product_id, on_hand, low_stock_threshold) VALUES ($1, 0, $2) ON CONFLICT (product_id) DO NOTHING',
    [productId, lowStockThreshold],
  );
}

/**
 * Moves each line's units (see domain/movements.ts) in one statement; returns the rows after. The
 * WHERE makes the update conditional: a line that would break an invariant is not applied, so the
 * caller sees fewer rows than lines (and the CHECK constraints stand behind it).
 */
export async function moveStock(tx: Queryable, lines: Line[], movement: Movement): Promise<StockLevel[]> {
  const { rows } = await tx.query<StockRow>(
    `UPDATE stock s
     SET on_hand = s.on_hand + $3 * l.quantity, reserved = s.reserved + $4 * l.quantity, updated_at = now()
     FROM unnest($1::uuid[], $2::integer[]) AS l (product_id, quantity)
     WHERE s.product_id = l.product_id
       AND s.reserved + $4 * l.quantity >= 0
       AND s.on_hand + $3 * l.quantity >= s.reserved + $4 * l.quantity
     RETURNING s.product_id, s.on_hand, s.reserved, s.low_stock_threshold`,
    [lines.map((l) => l.productId), lines.map((l) => l.quantity), movement.onHand, movement.reserved],
  );
  return rows.map(toStockLevel);
}

/** Sets on_hand, unless that would drop below what is reserved; undefined when not applied. */
export async function setOnHand(tx: Queryable, productId: string, onHand: number): Promise<StockLevel | undefined> {
  const { rows } = await tx.query<StockRow>(
    `UPDATE stock SET on_hand = $2, updated_at = now() WHERE product_id = $1 AND reserved <= $2
     RETURNING ${COLUMNS}`,
    [productId, onHand],
  );
  return rows[0] && toStockLevel(rows[0]);
}
