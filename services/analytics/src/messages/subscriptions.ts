// What analytics consumes, and why: every domain event of the shop (never a command), each appended to
// the event log, those the reports need also projected into read models. It publishes nothing.
import {
  ALL_MESSAGES,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  type MessageDefinition,
  NotificationFailed,
  NotificationSent,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
  ProductCreated,
  ProductDiscontinued,
  ProductUpdated,
  StockLow,
  UserProfileUpdated,
  UserRegistered,
} from '@emporium/contracts';
import { type MessageHandler, on } from '@emporium/messaging';
import * as project from './projections.js';

/** Analytics only listens. */
export const PUBLISHES: readonly MessageDefinition[] = [];

/** Every message the contracts declare as an event: analytics must handle each (its tests hold HANDLERS to this). */
export const DOMAIN_EVENTS: readonly MessageDefinition[] = ALL_MESSAGES.filter((m) => m.kind === 'event');

export const HANDLERS: readonly MessageHandler[] = [
  // users
  on(UserRegistered, 'event log: sign-ups over time', project.logOnly),
  on(UserProfileUpdated, 'event log: profile changes, for the ops console', project.logOnly),
  // catalog
  on(ProductCreated, 'names and SKUs of products in the top-products report', project.productCreated),
  on(ProductUpdated, 'keeps product names in the top-products report current', project.productUpdated),
  on(ProductDiscontinued, 'event log; the SKU of a sold product the catalog never named', project.productDiscontinued),
  // inventory
  on(InventoryReserved, 'event log: the saga step between created and paid', project.logOnly),
  on(InventoryReservationFailed, 'event log: shortages behind out-of-stock rejections', project.logOnly),
  on(InventoryReleased, 'event log: stock given back by rejections and cancellations', project.logOnly),
  on(StockLow, 'event log: low-stock alerts over time', project.logOnly),
  // orders
  on(OrderCreated, 'the funnel counts orders by creation time; its lines feed top products', project.orderCreated),
  on(OrderConfirmed, 'sales: orders and revenue per bucket; funnel: confirmed', project.orderConfirmed),
  on(OrderShipped, 'funnel: shipped', project.orderShipped),
  on(OrderCancelled, 'funnel: cancelled', project.orderCancelled),
  on(OrderRejected, 'funnel: rejected, by reason', project.orderRejected),
  // payments
  on(PaymentCompleted, 'event log: captured charges', project.logOnly),
  on(PaymentFailed, 'event log: declined charges behind payment rejections', project.logOnly),
  on(PaymentRefunded, 'sales: refunds per bucket', project.paymentRefunded),
  on(PaymentRefundSkipped, 'event log only: no money moved, so the refunds figures stay as they are', project.logOnly),
  // notifications
  on(NotificationSent, 'event log: notifications delivered', project.logOnly),
  on(NotificationFailed, 'event log: notifications that could not be delivered', project.logOnly),
];
