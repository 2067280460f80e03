// Messages of the inventory service: its events, and the commands the order saga sends it.
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Id, LineItem } from './common.js';

export const ReserveInventory = defineMessage({
  service: 'inventory',
  name: 'ReserveInventory',
  version: 1,
  kind: 'command',
  description: 'Reserve every line of an order, or none.',
  data: Closed({ order_id: Id, items: Type.Array(LineItem, { minItems: 1, maxItems: 100 }) }),
});

export const CommitReservation = defineMessage({
  service: 'inventory',
  name: 'CommitReservation',
  version: 1,
  kind: 'command',
  description: "Turn an order's reservation into a sale: the stock leaves.",
  data: Closed({ order_id: Id }),
});

export const ReleaseInventory = defineMessage({
  service: 'inventory',
  name: 'ReleaseInventory',
  version: 1,
  kind: 'command',
  description: "Give an order's reserved (or sold and returned) stock back.",
  data: Closed({ order_id: Id, reason: Type.String() }),
});

export const InventoryReserved = defineMessage({
  service: 'inventory',
  name: 'InventoryReserved',
  version: 1,
  kind: 'event',
  description: 'Every line of the order is reserved.',
  data: Closed({ order_id: Id, items: Type.Array(LineItem) }),
});

export const InventoryReservationFailed = defineMessage({
  service: 'inventory',
  name: 'InventoryReservationFailed',
  version: 1,
  kind: 'event',
  description:
    'Nothing was reserved: a line fell short (out_of_stock), or the order was released before its reservation arrived (order_released).',
  data: Closed({
    order_id: Id,
    reason: Type.Union([Type.Literal('out_of_stock'), Type.Literal('unknown_product'), Type.Literal('order_released')]),
    shortages: Type.Array(
      Closed({ product_id: Id, requested: Type.Integer(), available: Type.Integer({ minimum: 0 }) }),
    ),
  }),
});

export const InventoryReleased = defineMessage({
  service: 'inventory',
  name: 'InventoryReleased',
  version: 1,
  kind: 'event',
  description: "An order's stock was given back.",
  data: Closed({ order_id: Id, reason: Type.String() }),
});

export const StockLow = defineMessage({
  service: 'inventory',
  name: 'StockLow',
  version: 1,
  kind: 'event',
  description: 'Available stock of a product fell below its threshold.',
  data: Closed({ product_id: Id, available: Type.Integer({ minimum: 0 }), threshold: Type.Integer({ minimum: 0 }) }),
});
