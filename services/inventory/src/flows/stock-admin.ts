// Admins correcting stock by hand: setting on_hand from a count, or adjusting it by a delta with a
// reason. Each change is logged and may announce StockLow.
import type { Queryable } from '@emporium/service-kit';
import { adjustedOnHand, checkedOnHand, type StockLevel } from '../domain/stock.js';
import { recordAdjustment, type StockAdjustment } from '../store/adjustment-store.js';
import { ensureStock, lockStocks, setOnHand } from '../store/stock-store.js';
import { announceLowStock } from './stock-movements.js';

export interface StockSettings {
  /** The low-stock threshold of a product stocked for the first time. */
  defaultLowStockThreshold: number;
}

/** Sets on_hand; a product inventory has never stocked gets a row. */
export async function setStock(
  tx: Queryable,
  change: { productId: string; onHand: number; actor: string },
  settings: StockSettings,
): Promise<StockLevel> {
  const before = await lockOrCreateStock(tx, change.productId, settings);
  const onHand = checkedOnHand(before, change.onHand);
  return applyOnHand(tx, before, onHand, { kind: 'set', reason: 'on hand set from a count', actor: change.actor });
}

/** Adds `delta` (negative: removes) to on_hand; a product inventory has never stocked starts at 0. */
export async function adjustStock(
  tx: Queryable,
  change: { productId: string; delta: number; reason: string; actor: string },
  settings: StockSettings,
): Promise<StockLevel> {
  const before = await lockOrCreateStock(tx, change.productId, settings);
  const onHand = adjustedOnHand(before, change.delta);
  return applyOnHand(tx, before, onHand, { kind: 'adjust', reason: change.reason, actor: change.actor });
}

async function lockOrCreateStock(tx: Queryable, productId: string, settings: StockSettings): Promise<StockLevel> {
  await ensureStock(tx, productId, settings.defaultLowStockThreshold);
  const level = (await lockStocks(tx, [productId])).get(productId);
  if (!level) throw new Error(`the stock row of ${productId} vanished after it was ensured`);
  return level;
}

type AdjustmentNote = Pick<StockAdjustment, 'kind' | 'reason' | 'actor'>;

async function applyOnHand(
  tx: Queryable,
  before: StockLevel,
  onHand: number,
  note: AdjustmentNote,
): Promise<StockLevel> {
  if (onHand === before.onHand) return before;
  const after = await setOnHand(tx, before.productId, onHand);
  // The row is locked and the domain checked the value: only a broken invariant lands here.
  if (!after) throw new Error(`on_hand of ${before.productId} could not be set to ${onHand}`);
  await recordAdjustment(tx, {
    ...note,
    productId: before.productId,
    delta: onHand - before.onHand,
    onHandAfter: onHand,
  });
  await announceLowStock(tx, new Map([[before.productId, before]]), [after], undefined);
  return after;
}
