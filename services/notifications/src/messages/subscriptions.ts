// What the notification service consumes, and why: the users service's events keep the contact
// replica; order and refund events become notifications (each event at most once per channel).
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
import { on } from '@emporium/messaging';
import { notify } from '../flows/notify.js';
import { handleRefund, learnOrderOwner } from '../flows/order-owners.js';
import { saveContact } from '../store/contacts-store.js';

export const HANDLERS = [
  on(UserRegistered, 'replicates the contact and sends the welcome', async (tx, event) => {
    const { user_id, email, name, registered_at } = event.data;
    await saveContact(tx, { userId: user_id, email, name, phone: null }, registered_at);
    await notify(tx, user_id, event, { template: 'welcome', data: {} });
  }),

  on(UserProfileUpdated, 'keeps the contact replica current (the newest profile wins)', async (tx, event) => {
    const { user_id, email, name, phone, updated_at } = event.data;
    await saveContact(tx, { userId: user_id, email, name, phone }, updated_at);
  }),

  on(OrderCreated, 'learns who owns the order, so its refunds reach the customer', async (tx, event) => {
    await learnOrderOwner(tx, event.data.order_id, event.data.customer_id);
  }),

  on(OrderConfirmed, 'tells the customer the order is confirmed', async (tx, event) => {
    const { order_id, customer_id, total } = event.data;
    await learnOrderOwner(tx, order_id, customer_id);
    await notify(tx, customer_id, event, { template: 'order_confirmed', data: { order_id, total } });
  }),

  on(OrderRejected, 'tells the customer why the order could not be completed', async (tx, event) => {
    const { order_id, customer_id, reason } = event.data;
    await learnOrderOwner(tx, order_id, customer_id);
    await notify(tx, customer_id, event, { template: 'order_rejected', data: { order_id, reason } });
  }),

  on(OrderShipped, 'tells the customer the order has shipped', async (tx, event) => {
    const { order_id, customer_id } = event.data;
    await learnOrderOwner(tx, order_id, customer_id);
    await notify(tx, customer_id, event, { template: 'order_shipped', data: { order_id } });
  }),

  on(OrderCancelled, 'tells the customer the order is cancelled, and what is refunded', async (tx, event) => {
    const { order_id, customer_id, reason, refunded } = event.data;
    await learnOrderOwner(tx, order_id, customer_id);
    await notify(tx, customer_id, event, { template: 'order_cancelled', data: { order_id, reason, refunded } });
  }),

  on(PaymentRefunded, 'tells the customer a refund was issued', (tx, event) => handleRefund(tx, event)),
];
