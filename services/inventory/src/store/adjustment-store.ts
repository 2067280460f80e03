// SQL for the log of admin stock changes: who changed on_hand, by how much and why.
import type { Queryable } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';

export interface StockAdjustment {
  productId: string;
  kind: 'set' | 'adjust';
  delta: number;
  onHandAfter: number;
  reason: string;
  /** The admin's user id. */
  actor: string;
}

export async function recordAdjustment(tx: Queryable, adjustment: StockAdjustment): Promise<void> {
  const { productId, kind, delta, onHandAfter, reason, actor } = adjustment;
  await tx.query(
    `INSERT INTO stock_adjustments (id, product_id, kind, delta, on_hand_after, reason, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [uuidv7(), productId, kind, delta, onHandAfter, reason, actor],
  );
}
