// How each step of an order's life moves a line's units between on_hand and reserved.
import type { StockLevel } from './stock.js';

/** Each field is multiplied by the line's quantity and added to the stock row. */
export interface Movement {
  onHand: -1 | 0 | 1;
  reserved: -1 | 0 | 1;
}

/** Units set aside for an order: no longer available, still on hand. */
export const RESERVE: Movement = { onHand: 0, reserved: 1 };
/** A paid order: its reserved units leave the warehouse. */
export const COMMIT: Movement = { onHand: -1, reserved: -1 };
/** A reservation given back: the units are available again. */
export const UNRESERVE: Movement = { onHand: 0, reserved: -1 };
/** A sold order cancelled: its units come back on hand. */
export const RESTOCK: Movement = { onHand: 1, reserved: 0 };

export function moved(level: StockLevel, quantity: number, movement: Movement): StockLevel {
  return {
    ...level,
    onHand: level.onHand + movement.onHand * quantity,
    reserved: level.reserved + movement.reserved * quantity,
  };
}
