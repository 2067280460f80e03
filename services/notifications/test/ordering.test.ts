// Events from different streams race: a contact or an order's owner may be learnt after the event
// that needs it. Nothing is lost, and an older profile never overwrites a newer one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderConfirmed, OrderCreated, PaymentRefunded, UserProfileUpdated, UserRegistered } from '@emporium/contracts';
import { orderConfirmed, orderCreated, paymentRefunded, profileUpdate, registration } from './support/events.js';
import { startTestNotifications, type TestNotifications } from './support/notifications-app.js';
import { eventually, notificationsOf, receivedBySink, settledNotificationsOf } from './support/waiting.js';

describe('notifications: events out of order', () => {
  let service: TestNotifications;
  before(async () => {
    service = await startTestNotifications('notifications_ordering');
  });
  after(() => service.close());

  const mailTo = (email: string, count = 1) =>
    receivedBySink(service.sinkUrl, `channel=email&to=${encodeURIComponent(email)}`, count);

  it('delivers an order email whose contact arrives after the order event, once retried', async () => {
    const user = registration({ name: 'Late Contact' });
    await service.handle(OrderConfirmed, orderConfirmed(user.user_id));
    const [waiting] = await eventually(async () => {
      const rows = await notificationsOf(service.pool, user.user_id);
      return rows[0]?.attempts ? rows : undefined;
    }, 'a first attempt without the contact');
    assert.equal(waiting?.status, 'pending');
    assert.match(waiting?.last_error ?? '', /no contact details/);

    await service.handle(UserRegistered, user);
    const mails = await mailTo(user.email, 2);
    const confirmed = mails.find((m) => /confirmed/.test(m.subject ?? ''));
    assert.match(confirmed?.text ?? '', /^Hi Late Contact,/);
    const rows = await settledNotificationsOf(service.pool, user.user_id);
    assert.ok(rows.every((r) => r.status === 'sent'));
  });

  it('keeps the newest profile when an older one arrives later', async () => {
    const user = registration({ name: 'Old Name' });
    const registered = await service.handle(UserRegistered, user);
    const newer = profileUpdate(user, { name: 'New Name', updated_at: new Date(Date.now() + 60_000).toISOString() });
    const older = profileUpdate(user, { name: 'Older Name', updated_at: new Date(Date.now() + 30_000).toISOString() });
    await service.handle(UserProfileUpdated, newer);
    await service.handle(UserProfileUpdated, older);
    await service.redeliver(registered); // the registration, replayed late, changes nothing either
    await service.handle(OrderConfirmed, orderConfirmed(user.user_id));
    const confirmed = (await mailTo(user.email, 2)).find((m) => /confirmed/.test(m.subject ?? ''));
    assert.match(confirmed?.text ?? '', /^Hi New Name,/);
  });

  it('keeps a refund that arrives before its order is known, and notifies it once an order event names the owner', async () => {
    const user = registration();
    await service.handle(UserRegistered, user);
    const order = orderCreated(user.user_id);
    const refund = await service.handle(PaymentRefunded, paymentRefunded(order.order_id, 1500));
    await service.redeliver(refund);
    const parked = await service.pool.query(
      'SELECT count(*)::int AS n FROM refunds_awaiting_owner WHERE order_id = $1',
      [order.order_id],
    );
    assert.equal(parked.rows[0].n, 1);
    assert.deepEqual(
      (await notificationsOf(service.pool, user.user_id)).map((n) => n.template),
      ['welcome'],
    );

    await service.handle(OrderCreated, order);
    await service.handle(OrderConfirmed, orderConfirmed(user.user_id, order.order_id));
    const refunds = (await settledNotificationsOf(service.pool, user.user_id)).filter(
      (n) => n.template === 'refund_issued',
    );
    assert.deepEqual(
      refunds.map((n) => [n.event_id, n.status]),
      [[refund.id, 'sent']],
    );
    const mail = (await mailTo(user.email, 3)).find((m) => /Refund/.test(m.subject ?? ''));
    assert.match(mail?.subject ?? '', /\$15\.00/);
  });
});
