// Notifications honours every pact that names it: the storefront's notification list and preferences
// (HTTP, through the real gateway, against the real app on its own database), and the delivery
// outcomes analytics consumes - produced by the real delivery jobs sending to the local sink (or to a
// mail server that is down), read from the outbox.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import {
  itHonoursEveryPact,
  outboxEventually,
  type ServedProvider,
  serveWithGateway,
} from '@emporium/contract-testing';
import { NotificationFailed, NotificationSent, UserRegistered } from '@emporium/contracts';
import { startTestNotifications, type TestNotifications } from '../support/notifications-app.js';

describe('notifications: provider verification', () => {
  let notifications: TestNotifications;
  let mailDown: TestNotifications;
  let served: ServedProvider;
  before(async () => {
    notifications = await startTestNotifications('notifications_pacts_provider');
    mailDown = await startTestNotifications('notifications_pacts_mail_down', { sinkUp: false, maxAttempts: 1 });
    served = await serveWithGateway(notifications.app, 'notifications', notifications.tokens.verifier);
  });
  after(async () => {
    await served.close();
    await mailDown.close();
    await notifications.close();
  });

  /** A new customer registers on `service`: the welcome email is the notification; returns both ids. */
  const welcome = async (service: TestNotifications) => {
    const userId = randomUUID();
    await service.handle(UserRegistered, {
      user_id: userId,
      email: `pact.${userId}@example.com`,
      name: 'Ada Lovelace',
      registered_at: new Date().toISOString(),
    });
    const { rows } = await service.pool.query<{ id: string }>('SELECT id FROM notifications WHERE user_id = $1', [
      userId,
    ]);
    assert.equal(rows.length, 1);
    return { userId, notificationId: rows[0]?.id ?? '' };
  };

  itHonoursEveryPact({
    provider: 'notifications',
    baseUrlFor: () => served.gatewayUrl,
    states: {
      'a signed-in customer has been notified': async () => {
        const { userId } = await welcome(notifications);
        return { token: await notifications.tokens.tokenFor('customer', userId) };
      },
    },
    publishes: {
      'a notification is delivered': async () => {
        const { notificationId } = await welcome(notifications);
        return outboxEventually(notifications.pool, notificationId, NotificationSent.type);
      },
      'a notification cannot be delivered': async () => {
        const { notificationId } = await welcome(mailDown);
        return outboxEventually(mailDown.pool, notificationId, NotificationFailed.type);
      },
    },
  });
});
