// What the notification service tells the rest of the shop: a notification's outcome, through the
// outbox, in the transaction that records it.
import { NotificationFailed, NotificationSent } from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Notification } from '../store/notifications-store.js';

const SOURCE = '/emporium/notifications';

/** The notification service's events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [NotificationSent, NotificationFailed] as const;

function factsOf(n: Notification) {
  return { notification_id: n.id, user_id: n.userId, channel: n.channel, template: n.template };
}

export function notificationSent(tx: Queryable, n: Notification) {
  return publish(tx, NotificationSent, factsOf(n), { source: SOURCE, subject: n.id, cause: n.cause });
}

export function notificationFailed(tx: Queryable, n: Notification, reason: string) {
  return publish(tx, NotificationFailed, { ...factsOf(n), reason }, { source: SOURCE, subject: n.id, cause: n.cause });
}
