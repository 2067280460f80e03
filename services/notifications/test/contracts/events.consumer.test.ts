// The notification service's pacts with users, orders and payments: each event as it receives it, run
// through its own handler on its own database, becomes the contact replica or the customer's notification.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumerPact, EXAMPLE, exampleOf, expectMessage, runHandler } from '@emporium/contract-testing';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  PaymentRefunded,
  UserProfileUpdated,
  UserRegistered,
} from '@emporium/contracts';
import { HANDLERS } from '../../src/messages/subscriptions.js';
import { findContact } from '../../src/store/contacts-store.js';
import { findOrderOwner } from '../../src/store/order-owners-store.js';
import { startTestNotifications, type TestNotifications } from '../support/notifications-app.js';

describe('notifications ← users, orders, payments', () => {
  let notifications: TestNotifications;
  before(async () => {
    notifications = await startTestNotifications('notifications_pacts');
  });
  after(() => notifications.close());

  const handle = async (event: Parameters<typeof runHandler>[2]) =>
    assert.deepEqual(await runHandler(notifications.pool, HANDLERS, event), []);
  const templatesOf = async (eventId: string) =>
    (
      await notifications.pool.query<{ template: string; user_id: string }>(
        'SELECT template, user_id FROM notifications WHERE event_id = $1',
        [eventId],
      )
    ).rows;

  describe('notifications ← users', () => {
    const { pact, settle } = consumerPact('notifications', 'users');

    it('keeps the contact and welcomes the customer on UserRegistered', async () => {
      await expectMessage(pact, exampleOf(UserRegistered), async (event) => {
        await handle(event);
        assert.equal((await findContact(notifications.pool, EXAMPLE.user))?.email, event.data.email);
        assert.deepEqual(await templatesOf(event.id), [{ template: 'welcome', user_id: EXAMPLE.user }]);
      });
    });

    it('updates the contact on a newer UserProfileUpdated', async () => {
      const newer = { updated_at: '2026-03-15T09:00:00.000Z' };
      await expectMessage(pact, exampleOf(UserProfileUpdated, { data: newer }), async (event) => {
        await handle(event);
        const contact = await findContact(notifications.pool, EXAMPLE.user);
        assert.equal(contact?.phone, event.data.phone);
        assert.equal(contact?.name, event.data.name);
      });
    });

    it('matches the committed pact', () => settle());
  });

  describe('notifications ← orders', () => {
    const { pact, settle } = consumerPact('notifications', 'orders');

    it('learns who owns the order from OrderCreated', async () => {
      await expectMessage(pact, exampleOf(OrderCreated), async (event) => {
        await handle(event);
        assert.equal(await findOrderOwner(notifications.pool, EXAMPLE.order), EXAMPLE.user);
        assert.deepEqual(await templatesOf(event.id), []);
      });
    });

    const notifies = [
      [OrderConfirmed, 'order_confirmed'],
      [OrderRejected, 'order_rejected'],
      [OrderShipped, 'order_shipped'],
      [OrderCancelled, 'order_cancelled'],
    ] as const;
    for (const [definition, template] of notifies) {
      it(`tells the customer on ${definition.name}`, async () => {
        await expectMessage(pact, exampleOf(definition), async (event) => {
          await handle(event);
          assert.deepEqual(await templatesOf(event.id), [{ template, user_id: EXAMPLE.user }]);
        });
      });
    }

    it('matches the committed pact', () => settle());
  });

  describe('notifications ← payments', () => {
    const { pact, settle } = consumerPact('notifications', 'payments');

    it('tells the order’s owner about a PaymentRefunded', async () => {
      await expectMessage(pact, exampleOf(PaymentRefunded), async (event) => {
        await handle(event);
        assert.deepEqual(await templatesOf(event.id), [{ template: 'refund_issued', user_id: EXAMPLE.user }]);
      });
    });

    it('matches the committed pact', () => settle());
  });
});
