// What each service's code registers with the broker: the messages it publishes (its PUBLISHES list,
// which the outbox refuses to go beyond) and the messages it consumes (its handlers). Read from the
// same modules its main.ts wires, so the AsyncAPI documents and the catalog check see what runs.
import {
  HANDLERS as analyticsHandlers,
  PUBLISHES as analyticsPublishes,
} from '@emporium/analytics/dist/src/messages/subscriptions.js';
import { PUBLISHES as catalogPublishes } from '@emporium/catalog/dist/src/messages/product-events.js';
import type { MessageDefinition } from '@emporium/contracts';
import { PUBLISHES as inventoryPublishes } from '@emporium/inventory/dist/src/messages/inventory-events.js';
import { HANDLERS as inventoryHandlers } from '@emporium/inventory/dist/src/messages/subscriptions.js';
import type { MessageHandler } from '@emporium/messaging';
import { PUBLISHES as notificationsPublishes } from '@emporium/notifications/dist/src/messages/notification-events.js';
import { HANDLERS as notificationsHandlers } from '@emporium/notifications/dist/src/messages/subscriptions.js';
import { createOrderSagaEngine } from '@emporium/orders/dist/src/flows/order-saga-engine.js';
import { PUBLISHES as ordersPublishes } from '@emporium/orders/dist/src/messages/order-events.js';
import { orderHandlers } from '@emporium/orders/dist/src/messages/subscriptions.js';
import { PUBLISHES as paymentsPublishes } from '@emporium/payments/dist/src/messages/payment-events.js';
import { HANDLERS as paymentsHandlers } from '@emporium/payments/dist/src/messages/subscriptions.js';
import { PUBLISHES as usersPublishes } from '@emporium/users/dist/src/messages/user-events.js';

export interface MessageRegistrations {
  publishes: readonly MessageDefinition[];
  consumes: ReadonlyArray<{ message: MessageDefinition; why: string }>;
}

/** The services that publish or consume messages (the gateway does neither). */
export const MESSAGING_SERVICES = [
  'users',
  'catalog',
  'inventory',
  'orders',
  'payments',
  'notifications',
  'analytics',
] as const;
export type MessagingService = (typeof MESSAGING_SERVICES)[number];

const consumed = (handlers: readonly MessageHandler[]) => handlers.map(({ message, why }) => ({ message, why }));

export function messageRegistrations(): Record<MessagingService, MessageRegistrations> {
  const saga = createOrderSagaEngine({ reserveTimeoutMs: 1000, paymentTimeoutMs: 1000 });
  return {
    users: { publishes: usersPublishes, consumes: [] },
    catalog: { publishes: catalogPublishes, consumes: [] },
    inventory: { publishes: inventoryPublishes, consumes: consumed(inventoryHandlers) },
    orders: { publishes: ordersPublishes, consumes: consumed(orderHandlers(saga)) },
    payments: { publishes: paymentsPublishes, consumes: consumed(paymentsHandlers) },
    notifications: { publishes: notificationsPublishes, consumes: consumed(notificationsHandlers) },
    analytics: { publishes: analyticsPublishes, consumes: consumed(analyticsHandlers) },
  };
}
