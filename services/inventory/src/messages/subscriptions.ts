// What inventory consumes, and why: the order saga's commands (see DESIGN.md, the order saga).
import { CommitReservation, ReleaseInventory, ReserveInventory } from '@emporium/contracts';
import { on } from '@emporium/messaging';
import { reserveInventory } from '../flows/reserving.js';
import { commitReservation, releaseInventory } from '../flows/settling.js';

export const HANDLERS = [
  on(ReserveInventory, "hold every line of a new order's stock, or none, for the saga", reserveInventory),
  on(CommitReservation, "turn a paid order's reservation into a sale", commitReservation),
  on(ReleaseInventory, 'give back the stock of a rejected or cancelled order', releaseInventory),
];
