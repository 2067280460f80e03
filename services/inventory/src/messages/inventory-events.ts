// What inventory tells the rest of the shop, through its outbox, in the transaction of each change.
import {
  type CloudEvent,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  StockLow,
} from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Line, Shortage } from '../domain/reservation.js';
import { availableOf, type StockLevel } from '../domain/stock.js';

const SOURCE = '/emporium/inventory';

/** Inventory's events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [InventoryReserved, InventoryReservationFailed, InventoryReleased, StockLow] as const;

/** The command being answered: the reply carries its causation and correlation. */
export type Cause = Pick<CloudEvent, 'id' | 'correlationid' | 'traceparent'>;

export function inventoryReserved(tx: Queryable, orderId: string, lines: Line[], cause: Cause) {
  const items = lines.map((l) => ({ product_id: l.productId, quantity: l.quantity }));
  return publish(tx, InventoryReserved, { order_id: orderId, items }, { source: SOURCE, subject: orderId, cause });
}

/**
 * Nothing was reserved. Shortages name each line that fell short; none means the order was released
 * before its reservation could be made (order_released).
 */
export function reservationFailed(tx: Queryable, orderId: string, shortages: Shortage[], cause: Cause) {
  return publish(
    tx,
    InventoryReservationFailed,
    {
      order_id: orderId,
      reason: shortages.length > 0 ? 'out_of_stock' : 'order_released',
      shortages: shortages.map((s) => ({ product_id: s.productId, requested: s.requested, available: s.available })),
    },
    { source: SOURCE, subject: orderId, cause },
  );
}

export function inventoryReleased(tx: Queryable, orderId: string, reason: string, cause: Cause) {
  return publish(tx, InventoryReleased, { order_id: orderId, reason }, { source: SOURCE, subject: orderId, cause });
}

export function stockLow(tx: Queryable, level: StockLevel, cause: Cause | undefined) {
  return publish(
    tx,
    StockLow,
    { product_id: level.productId, available: availableOf(level), threshold: level.lowStockThreshold },
    { source: SOURCE, subject: level.productId, ...(cause ? { cause } : {}) },
  );
}
