// Messages of the orders service: the order's life, as facts.
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Id, Money, PricedLineItem, Timestamp } from './common.js';

const Party = { order_id: Id, customer_id: Id };

export const OrderCreated = defineMessage({
  service: 'orders',
  name: 'OrderCreated',
  version: 1,
  kind: 'event',
  description: 'An order was placed and is pending.',
  data: Closed({ ...Party, items: Type.Array(PricedLineItem, { minItems: 1 }), total: Money, created_at: Timestamp }),
});

export const OrderConfirmed = defineMessage({
  service: 'orders',
  name: 'OrderConfirmed',
  version: 1,
  kind: 'event',
  description: 'Stock is reserved and payment captured.',
  data: Closed({ ...Party, total: Money, confirmed_at: Timestamp }),
});

export const OrderRejected = defineMessage({
  service: 'orders',
  name: 'OrderRejected',
  version: 1,
  kind: 'event',
  description: 'The order could not be completed; completed steps were compensated.',
  data: Closed({ ...Party, reason: Type.String(), rejected_at: Timestamp }),
});

export const OrderShipped = defineMessage({
  service: 'orders',
  name: 'OrderShipped',
  version: 1,
  kind: 'event',
  description: 'The order left the warehouse.',
  data: Closed({ ...Party, shipped_at: Timestamp }),
});

export const OrderCancelled = defineMessage({
  service: 'orders',
  name: 'OrderCancelled',
  version: 1,
  kind: 'event',
  description: 'The customer or an admin cancelled the order before shipping.',
  data: Closed({ ...Party, reason: Type.String(), refunded: Money, cancelled_at: Timestamp }),
});
