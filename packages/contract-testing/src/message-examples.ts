// One example of every message, with the provider state that makes its sender publish it: the
// factories consumer pacts start from (a consumer may change any field to what its test needs).
// Fixed values only: pact files must come out the same on every run.

import type * as messages from '@emporium/contracts';
import type { DataOf, MessageDefinition } from '@emporium/contracts';
import { EXAMPLE_TIME, exampleId } from './examples.js';
import type { ExpectedMessage } from './message-consumer.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
export const EXAMPLE = {
  user: exampleId('example user'),
  product: exampleId('example product'),
  order: exampleId('example order'),
  payment: exampleId('example payment'),
  refund: exampleId('example refund'),
  notification: exampleId('example notification'),
};
const party = { order_id: EXAMPLE.order, customer_id: EXAMPLE.user };
const address = { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' };
const product = {
  product_id: EXAMPLE.product,
  sku: 'MUG-ENAMEL-01',
  name: 'Enamel Camping Mug',
  category: 'kitchen',
  price: usd(1299),
  active: true,
};
const notification = {
  notification_id: EXAMPLE.notification,
  user_id: EXAMPLE.user,
  channel: 'email' as const,
  template: 'order_confirmed',
};

type Example<D extends MessageDefinition> = Omit<ExpectedMessage<D>, 'message'>;
const ex = <D extends MessageDefinition>(
  from: string,
  given: string,
  subject: string,
  data: DataOf<D>,
): Example<D> => ({
  from,
  given,
  subject,
  data,
});

const EXAMPLES = {
  // users
  UserRegistered: ex<typeof messages.UserRegistered>('users', 'a customer signs up', EXAMPLE.user, {
    user_id: EXAMPLE.user,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    registered_at: EXAMPLE_TIME,
  }),
  UserProfileUpdated: ex<typeof messages.UserProfileUpdated>(
    'users',
    'a customer updates their profile',
    EXAMPLE.user,
    {
      user_id: EXAMPLE.user,
      email: 'ada@example.com',
      name: 'Ada King',
      phone: '+15555550123',
      address,
      updated_at: EXAMPLE_TIME,
    },
  ),
  // catalog
  ProductCreated: ex<typeof messages.ProductCreated>('catalog', 'an admin adds a product', EXAMPLE.product, {
    ...product,
    created_at: EXAMPLE_TIME,
  }),
  ProductUpdated: ex<typeof messages.ProductUpdated>('catalog', 'an admin changes a product', EXAMPLE.product, {
    ...product,
    changed: ['price'],
    updated_at: EXAMPLE_TIME,
  }),
  ProductDiscontinued: ex<typeof messages.ProductDiscontinued>(
    'catalog',
    'an admin discontinues a product',
    EXAMPLE.product,
    { product_id: EXAMPLE.product, sku: 'MUG-ENAMEL-01', discontinued_at: EXAMPLE_TIME },
  ),
  // inventory: the saga's commands (sent by orders) and inventory's answers
  ReserveInventory: ex<typeof messages.ReserveInventory>('orders', 'an order is placed', EXAMPLE.order, {
    order_id: EXAMPLE.order,
    items: [{ product_id: EXAMPLE.product, quantity: 2 }],
  }),
  CommitReservation: ex<typeof messages.CommitReservation>(
    'orders',
    'payment is captured for an order',
    EXAMPLE.order,
    { order_id: EXAMPLE.order },
  ),
  ReleaseInventory: ex<typeof messages.ReleaseInventory>('orders', 'payment is declined for an order', EXAMPLE.order, {
    order_id: EXAMPLE.order,
    reason: 'payment_declined',
  }),
  InventoryReserved: ex<typeof messages.InventoryReserved>('inventory', 'stock covers an order', EXAMPLE.order, {
    order_id: EXAMPLE.order,
    items: [{ product_id: EXAMPLE.product, quantity: 2 }],
  }),
  InventoryReservationFailed: ex<typeof messages.InventoryReservationFailed>(
    'inventory',
    'stock falls short of an order',
    EXAMPLE.order,
    {
      order_id: EXAMPLE.order,
      reason: 'out_of_stock',
      shortages: [{ product_id: EXAMPLE.product, requested: 2, available: 1 }],
    },
  ),
  InventoryReleased: ex<typeof messages.InventoryReleased>(
    'inventory',
    "an order's reservation is released",
    EXAMPLE.order,
    { order_id: EXAMPLE.order, reason: 'payment_declined' },
  ),
  StockLow: ex<typeof messages.StockLow>(
    'inventory',
    'a reservation takes stock below its threshold',
    EXAMPLE.product,
    { product_id: EXAMPLE.product, available: 3, threshold: 5 },
  ),
  // orders
  OrderCreated: ex<typeof messages.OrderCreated>('orders', 'an order is placed', EXAMPLE.order, {
    ...party,
    items: [{ product_id: EXAMPLE.product, quantity: 2, unit_price: usd(1299) }],
    total: usd(2598),
    created_at: EXAMPLE_TIME,
  }),
  OrderConfirmed: ex<typeof messages.OrderConfirmed>('orders', 'payment is captured for an order', EXAMPLE.order, {
    ...party,
    total: usd(2598),
    confirmed_at: EXAMPLE_TIME,
  }),
  OrderRejected: ex<typeof messages.OrderRejected>('orders', 'payment is declined for an order', EXAMPLE.order, {
    ...party,
    reason: 'payment_declined',
    rejected_at: EXAMPLE_TIME,
  }),
  OrderShipped: ex<typeof messages.OrderShipped>('orders', 'a confirmed order is shipped', EXAMPLE.order, {
    ...party,
    shipped_at: EXAMPLE_TIME,
  }),
  OrderCancelled: ex<typeof messages.OrderCancelled>('orders', 'a confirmed order is cancelled', EXAMPLE.order, {
    ...party,
    reason: 'customer_request',
    refunded: usd(2598),
    cancelled_at: EXAMPLE_TIME,
  }),
  // payments: the saga's commands (sent by orders) and payments' answers
  ProcessPayment: ex<typeof messages.ProcessPayment>('orders', 'stock is reserved for an order', EXAMPLE.order, {
    ...party,
    amount: usd(2598),
    payment_method: 'pm_card_visa',
  }),
  RefundPayment: ex<typeof messages.RefundPayment>('orders', 'a confirmed order is cancelled', EXAMPLE.order, {
    order_id: EXAMPLE.order,
    reason: 'cancelled',
  }),
  PaymentCompleted: ex<typeof messages.PaymentCompleted>('payments', 'a charge succeeds', EXAMPLE.order, {
    payment_id: EXAMPLE.payment,
    order_id: EXAMPLE.order,
    amount: usd(2598),
  }),
  PaymentFailed: ex<typeof messages.PaymentFailed>('payments', 'a charge is declined', EXAMPLE.order, {
    order_id: EXAMPLE.order,
    reason: 'card_declined',
  }),
  PaymentRefunded: ex<typeof messages.PaymentRefunded>('payments', 'a captured payment is refunded', EXAMPLE.order, {
    payment_id: EXAMPLE.payment,
    refund_id: EXAMPLE.refund,
    order_id: EXAMPLE.order,
    amount: usd(2598),
  }),
  PaymentRefundSkipped: ex<typeof messages.PaymentRefundSkipped>(
    'payments',
    'a payment already refunded in full is asked for a refund',
    EXAMPLE.order,
    { order_id: EXAMPLE.order, payment_id: EXAMPLE.payment, reason: 'already_refunded', refunded: usd(2598) },
  ),
  // notifications
  NotificationSent: ex<typeof messages.NotificationSent>(
    'notifications',
    'a notification is delivered',
    EXAMPLE.notification,
    notification,
  ),
  NotificationFailed: ex<typeof messages.NotificationFailed>(
    'notifications',
    'a notification cannot be delivered',
    EXAMPLE.notification,
    { ...notification, reason: 'smtp_unavailable' },
  ),
};

type Name = keyof typeof EXAMPLES;

/** The example of `definition`, with `data` fields overridden (and any other field of the expectation). */
export function exampleOf<D extends MessageDefinition>(
  definition: D,
  overrides: Partial<Omit<ExpectedMessage<D>, 'message' | 'data'>> & { data?: Partial<DataOf<D>> } = {},
): ExpectedMessage<D> {
  const base = EXAMPLES[definition.name as Name] as unknown as Example<D> | undefined;
  if (!base) throw new Error(`no example of ${definition.name}`);
  const { data, ...rest } = overrides;
  return { ...base, ...rest, message: definition, data: { ...base.data, ...data } as DataOf<D> };
}
