// Every message Emporium knows, by CloudEvents type: the one place a consumer looks up the schema
// of what it received.
import type { MessageDefinition } from './define.js';
import * as catalog from './messages/catalog.js';
import * as inventory from './messages/inventory.js';
import * as notifications from './messages/notifications.js';
import * as orders from './messages/orders.js';
import * as payments from './messages/payments.js';
import * as users from './messages/users.js';

export const ALL_MESSAGES: readonly MessageDefinition[] = [
  ...Object.values(users),
  ...Object.values(catalog),
  ...Object.values(inventory),
  ...Object.values(orders),
  ...Object.values(payments),
  ...Object.values(notifications),
];

const byType = new Map(ALL_MESSAGES.map((m) => [m.type, m]));

export function messageForType(type: string): MessageDefinition | undefined {
  return byType.get(type);
}

/** The broker stream that carries a service's messages, and its subjects. */
export function streamOf(service: string): { name: string; subjects: string[] } {
  return { name: `EMPORIUM_${service.toUpperCase()}`, subjects: [`emporium.${service}.>`] };
}
