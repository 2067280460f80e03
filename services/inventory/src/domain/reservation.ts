// An order's reservation: the lines it asks for, what falls short, and what each command does to a
// reservation in each state (the saga may repeat a command, or send them out of order).

export type ReservationStatus = 'reserved' | 'committed' | 'failed' | 'released';

export interface Line {
  productId: string;
  quantity: number;
}

export interface Shortage {
  productId: string;
  requested: number;
  available: number;
}

/** One line per product (quantities of repeated products summed), in product id order: the lock order. */
export function linesOf(items: ReadonlyArray<{ product_id: string; quantity: number }>): Line[] {
  const byProduct = new Map<string, number>();
  for (const { product_id, quantity } of items) {
    const productId = product_id.toLowerCase();
    byProduct.set(productId, (byProduct.get(productId) ?? 0) + quantity);
  }
  return [...byProduct]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** The lines that cannot be reserved, given what is available of each product (absent: none). */
export function shortagesOf(lines: Line[], available: ReadonlyMap<string, number>): Shortage[] {
  return lines
    .map((line) => ({
      productId: line.productId,
      requested: line.quantity,
      available: available.get(line.productId) ?? 0,
    }))
    .filter((s) => s.requested > s.available);
}

/** What a ReleaseInventory does, by the state of the order's reservation (undefined: none yet). */
export type ReleaseEffect = 'tombstone' | 'unreserve' | 'restock' | 'close' | 'nothing';

export function releaseEffectOf(status: ReservationStatus | undefined): ReleaseEffect {
  switch (status) {
    case undefined:
      return 'tombstone'; // the reserve may still arrive late: it must then be refused
    case 'reserved':
      return 'unreserve';
    case 'committed':
      return 'restock'; // a confirmed order was cancelled: its units come back on hand
    case 'failed':
      return 'close'; // nothing was reserved, but the saga still waits for InventoryReleased
    case 'released':
      return 'nothing'; // InventoryReleased was announced already
  }
}

/** What a CommitReservation does: only a held reservation becomes a sale; anything else is ignored. */
export type CommitEffect = 'commit' | 'already_committed' | 'ignore';

export function commitEffectOf(status: ReservationStatus | undefined): CommitEffect {
  if (status === 'reserved') return 'commit';
  if (status === 'committed') return 'already_committed';
  return 'ignore';
}
