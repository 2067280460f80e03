// A product's stock level and the rules for changing it by hand: what is available, what an admin may
// set, and when a change crosses the low-stock threshold.
import { conflict } from '@emporium/service-kit';

export interface StockLevel {
  productId: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
}

/** The most units one product may hold: far above any real shop, far below integer overflow. */
export const MAX_ON_HAND = 1_000_000_000;

export const availableOf = (level: StockLevel): number => level.onHand - level.reserved;

/** A product inventory has never stocked: nothing on hand, so nothing available. */
export function emptyStock(productId: string, lowStockThreshold: number): StockLevel {
  return { productId, onHand: 0, reserved: 0, lowStockThreshold };
}

/**
 * True when a change took available from at or above the threshold to below it. Changes to one product
 * are serialized by its row lock, so each downward crossing is seen by exactly one change.
 */
export function fellBelowThreshold(before: StockLevel, after: StockLevel): boolean {
  const threshold = after.lowStockThreshold;
  return availableOf(before) >= threshold && availableOf(after) < threshold;
}

/** The on_hand an admin's count sets; refused when it would leave reserved units without stock. */
export function checkedOnHand(current: StockLevel, onHand: number): number {
  if (onHand < current.reserved) {
    throw conflict(
      `Cannot set on_hand of ${current.productId} to ${onHand}: ${current.reserved} units are reserved for orders`,
    );
  }
  return onHand;
}

/** The on_hand after an admin's adjustment; refused below zero, below what is reserved, or above the maximum. */
export function adjustedOnHand(current: StockLevel, delta: number): number {
  const onHand = current.onHand + delta;
  if (onHand < 0) {
    throw conflict(`Cannot adjust ${current.productId} by ${delta}: only ${current.onHand} units are on hand`);
  }
  if (onHand > MAX_ON_HAND) throw conflict(`Cannot hold more than ${MAX_ON_HAND} units of one product`);
  return checkedOnHand(current, onHand);
}
