// Delivery through a real SMTP server (the sink, in-process) by the job runner: the welcome and each
// order event's email arrive with the right words, and the outcome is recorded and published.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  NotificationSent,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  PaymentRefunded,
  UserRegistered,
} from '@emporium/contracts';
import { messageIdOf } from '../src/delivery/deliver-notification.js';
import {
  orderCancelled,
  orderConfirmed,
  orderCreated,
  orderRejected,
  orderShipped,
  paymentRefunded,
  registration,
} from './support/events.js';
import { startTestNotifications, type TestNotifications } from './support/notifications-app.js';
import { outboxOf, receivedBySink, settledNotificationsOf } from './support/waiting.js';

describe('notifications: email delivery', () => {
  let service: TestNotifications;
  before(async () => {
    service = await startTestNotifications('notifications_delivery');
  });
  after(() => service.close());

  const newUser = async (overrides = {}) => {
    const user = registration(overrides);
    await service.handle(UserRegistered, user);
    return user;
  };
  const mailTo = async (email: string, count = 1) =>
    receivedBySink(service.sinkUrl, `channel=email&to=${encodeURIComponent(email)}`, count);

  it("sends the welcome email to the new user, by name, from the shop's address", async () => {
    const user = await newUser({ name: 'Grace Hopper' });
    const [mail] = await mailTo(user.email);
    assert.equal(mail?.subject, 'Welcome to Emporium');
    assert.match(mail?.text ?? '', /^Hi Grace Hopper,/);
    assert.match(mail?.html ?? '', /<p>Hi Grace Hopper,<\/p>/);
    assert.match(mail?.from ?? '', /"?Emporium"? <shop@emporium\.local>/);
  });

  it('records the notification as sent and publishes NotificationSent caused by the event', async () => {
    const user = registration();
    const event = await service.handle(UserRegistered, user);
    const [row] = await settledNotificationsOf(service.pool, user.user_id);
    assert.equal(row?.status, 'sent');
    const [mail] = await mailTo(user.email);
    assert.equal(mail?.message_id, messageIdOf(row?.id ?? ''));
    const sent = (await outboxOf(service.pool, NotificationSent.type)).find(
      (e) => e.data.notification_id === row?.id,
    ) as { data: object; causationid?: string } | undefined;
    assert.deepEqual(sent?.data, {
      notification_id: row?.id,
      user_id: user.user_id,
      channel: 'email',
      template: 'welcome',
    });
    assert.equal(sent?.causationid, event.id);
    const listed = await service.app.inject({
      method: 'GET',
      url: '/v1/notifications',
      headers: await service.tokens.headersFor('customer', user.user_id),
    });
    const [item] = listed.json().items;
    assert.equal(item.status, 'sent');
    assert.ok(Date.parse(item.sent_at) >= Date.parse(item.created_at));
  });

  it('emails the confirmation with the total charged', async () => {
    const user = await newUser();
    await service.handle(OrderConfirmed, orderConfirmed(user.user_id, undefined, 4250));
    const mail = (await mailTo(user.email, 2)).find((m) => /confirmed/.test(m.subject ?? ''));
    assert.match(mail?.subject ?? '', /^Your order #[0-9A-F]{8} is confirmed$/);
    assert.match(mail?.text ?? '', /Total charged: \$42\.50\./);
  });

  it('emails a rejection with its reason in plain words', async () => {
    const user = await newUser();
    await service.handle(OrderRejected, orderRejected(user.user_id, 'insufficient_funds'));
    const mail = (await mailTo(user.email, 2)).find((m) => /could not complete/.test(m.subject ?? ''));
    assert.match(mail?.text ?? '', /because your card has insufficient funds\./);
    assert.doesNotMatch(mail?.text ?? '', /insufficient_funds/);
  });

  it('emails the shipment and the cancellation with its refund', async () => {
    const user = await newUser();
    await service.handle(OrderShipped, orderShipped(user.user_id));
    await service.handle(OrderCancelled, orderCancelled(user.user_id, 1999));
    const mails = await mailTo(user.email, 3);
    assert.ok(mails.some((m) => /has shipped$/.test(m.subject ?? '')));
    const cancelled = mails.find((m) => /is cancelled$/.test(m.subject ?? ''));
    assert.match(cancelled?.text ?? '', /because you asked us to cancel it/);
    assert.match(cancelled?.text ?? '', /What is left of your payment of \$19\.99 is being refunded/);
  });

  it('emails an issued refund to the owner of its order, with the amount as money', async () => {
    const user = await newUser();
    const order = orderCreated(user.user_id);
    await service.handle(OrderCreated, order);
    await service.handle(PaymentRefunded, paymentRefunded(order.order_id, 2599));
    const mail = (await mailTo(user.email, 2)).find((m) => /Refund/.test(m.subject ?? ''));
    assert.match(mail?.subject ?? '', /^Refund of \$25\.99 issued for order #[0-9A-F]{8}$/);
    assert.match(mail?.text ?? '', /We have refunded \$25\.99/);
  });

  it("escapes a hostile name in the email's HTML", async () => {
    const name = '<img src=x onerror="alert(1)"> Mallory';
    const user = await newUser({ name });
    const [mail] = await mailTo(user.email);
    assert.doesNotMatch(mail?.html ?? '', /<img/);
    assert.match(mail?.html ?? '', /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt; Mallory/);
    assert.match(mail?.text ?? '', /Hi <img src=x onerror="alert\(1\)"> Mallory,/);
  });
});
