// The mail server is down: sends are retried with backoff and go out once it is back; past the last
// attempt the notification fails and NotificationFailed says why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotificationFailed, UserRegistered } from '@emporium/contracts';
import { registration } from './support/events.js';
import { startTestNotifications, type TestNotifications } from './support/notifications-app.js';
import { eventually, notificationsOf, outboxOf, receivedBySink, settledNotificationsOf } from './support/waiting.js';

describe('notifications: the mail server is down', () => {
  let service: TestNotifications;
  before(async () => {
    service = await startTestNotifications('notifications_smtp_down', { sinkUp: false, maxAttempts: 2 });
  });
  after(() => service.close());

  // Runs first, while nothing listens on the SMTP port.
  it('fails the notification after the last attempt and publishes NotificationFailed with the reason', async () => {
    const user = registration();
    await service.handle(UserRegistered, user);
    const [row] = await settledNotificationsOf(service.pool, user.user_id, 30_000);
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 2);
    const failed = (await outboxOf(service.pool, NotificationFailed.type)).find(
      (e) => e.data.notification_id === row?.id,
    );
    assert.equal(failed?.data.user_id, user.user_id);
    assert.equal(failed?.data.channel, 'email');
    assert.equal(failed?.data.template, 'welcome');
    assert.match(String(failed?.data.reason), /ECONNREFUSED|connect/i);
  });

  it('retries a send the server refused and delivers it once the server is back', async () => {
    const user = registration();
    await service.handle(UserRegistered, user);
    await eventually(async () => {
      const [row] = await notificationsOf(service.pool, user.user_id);
      return row?.attempts === 1 ? row : undefined;
    }, 'the first failed attempt');
    await service.startSink();
    const [row] = await settledNotificationsOf(service.pool, user.user_id, 30_000);
    assert.equal(row?.status, 'sent');
    const mails = await receivedBySink(service.sinkUrl, `to=${encodeURIComponent(user.email)}`);
    assert.equal(mails.length, 1);
    assert.equal(
      (await outboxOf(service.pool, NotificationFailed.type)).filter((e) => e.data.notification_id === row?.id).length,
      0,
    );
  });
});
