// An event notifies at most once per channel however often it arrives, on the channels the user
// chose: SMS only with a phone number, nothing on a channel switched off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderConfirmed, OrderShipped, UserProfileUpdated, UserRegistered } from '@emporium/contracts';
import { orderConfirmed, orderShipped, profileUpdate, registration } from './support/events.js';
import { startTestNotifications, type TestNotifications } from './support/notifications-app.js';
import { notificationsOf, receivedBySink, settledNotificationsOf, sinkMessages } from './support/waiting.js';

describe('notifications: once per channel, as the user chose', () => {
  let service: TestNotifications;
  before(async () => {
    service = await startTestNotifications('notifications_once');
  });
  after(() => service.close());

  const newUser = async (
    preferences?: { email: boolean; sms: boolean; push: boolean },
    phone: string | null = null,
  ) => {
    const user = registration();
    await service.handle(UserRegistered, user);
    if (phone) await service.handle(UserProfileUpdated, profileUpdate(user, { phone }));
    if (preferences) {
      const res = await service.app.inject({
        method: 'PUT',
        url: '/v1/preferences',
        headers: await service.tokens.headersFor('customer', user.user_id),
        payload: preferences,
      });
      assert.equal(res.statusCode, 200);
    }
    return user;
  };
  const channelsOf = async (userId: string, template: string) =>
    (await settledNotificationsOf(service.pool, userId))
      .filter((n) => n.template === template)
      .map((n) => `${n.channel}:${n.status}`)
      .sort();

  it('sends one email for an event delivered three times', async () => {
    const user = await newUser();
    const event = await service.handle(OrderShipped, orderShipped(user.user_id));
    await service.redeliver(event);
    await service.redeliver(event);
    assert.deepEqual(await channelsOf(user.user_id, 'order_shipped'), ['email:sent']);
    await receivedBySink(service.sinkUrl, `to=${encodeURIComponent(user.email)}`, 2);
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong extra send to show up
    const mails = await sinkMessages(service.sinkUrl, `to=${encodeURIComponent(user.email)}`);
    assert.equal(mails.filter((m) => /has shipped/.test(m.subject ?? '')).length, 1);
  });

  it('notifies once for an event sent again in a new envelope with the same id', async () => {
    const user = await newUser();
    const data = orderConfirmed(user.user_id);
    const first = await service.handle(OrderConfirmed, data);
    await service.handle(OrderConfirmed, data, first.id);
    const rows = (await notificationsOf(service.pool, user.user_id)).filter((n) => n.template === 'order_confirmed');
    assert.equal(rows.length, 1);
  });

  it('sends nothing on a channel switched off, and sends push when it is on', async () => {
    const user = await newUser({ email: false, sms: false, push: true });
    await service.handle(OrderShipped, orderShipped(user.user_id));
    assert.deepEqual(await channelsOf(user.user_id, 'order_shipped'), ['push:sent']);
    const [push] = await receivedBySink(service.sinkUrl, `channel=push&to=${user.user_id}`);
    assert.match(push?.subject ?? '', /has shipped/);
    assert.match(push?.text ?? '', /on its way/);
    const mails = await sinkMessages(service.sinkUrl, `channel=email&to=${encodeURIComponent(user.email)}`);
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Welcome to Emporium'],
      'only the welcome, sent before email was switched off',
    );
  });

  it('sends an SMS, to the number without its spaces, when SMS is on and the profile has a phone', async () => {
    const user = await newUser({ email: true, sms: true, push: false }, '+1 555 010-0200');
    await service.handle(OrderShipped, orderShipped(user.user_id));
    assert.deepEqual(await channelsOf(user.user_id, 'order_shipped'), ['email:sent', 'sms:sent']);
    const [sms] = await receivedBySink(service.sinkUrl, 'channel=sms&to=%2B15550100200');
    assert.match(sms?.text ?? '', /^Emporium: order #[0-9A-F]{8} has shipped/);
  });

  it('sends no SMS when SMS is on but the profile has no phone', async () => {
    const user = await newUser({ email: true, sms: true, push: false });
    await service.handle(OrderShipped, orderShipped(user.user_id));
    assert.deepEqual(await channelsOf(user.user_id, 'order_shipped'), ['email:sent']);
  });

  it('fails an SMS the provider refuses at once, without retrying, and says why', async () => {
    const user = await newUser({ email: false, sms: true, push: false }, '+12 345');
    await service.handle(OrderShipped, orderShipped(user.user_id));
    const [sms] = (await settledNotificationsOf(service.pool, user.user_id)).filter((n) => n.channel === 'sms');
    assert.equal(sms?.status, 'failed');
    assert.equal(sms?.attempts, 1);
    assert.match(sms?.last_error ?? '', /answered 400/);
  });
});
