// Small factories for the events the service consumes: each call is a new user or order unless told.
import type {
  DataOf,
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  OrderRejected,
  OrderShipped,
  PaymentRefunded,
  UserProfileUpdated,
  UserRegistered,
} from '@emporium/contracts';
import { v7 as uuidv7 } from 'uuid';

let counter = 0;
const usd = (amount: number) => ({ amount, currency: 'USD' });
const now = () => new Date().toISOString();

export function registration(overrides: Partial<DataOf<typeof UserRegistered>> = {}): DataOf<typeof UserRegistered> {
  counter += 1;
  return {
    user_id: uuidv7(),
    email: `shopper${counter}.${process.pid}@example.com`,
    name: `Shopper ${counter}`,
    registered_at: now(),
    ...overrides,
  };
}

/** The profile event that follows `registered`, with what changed. */
export function profileUpdate(
  registered: DataOf<typeof UserRegistered>,
  overrides: Partial<DataOf<typeof UserProfileUpdated>> = {},
): DataOf<typeof UserProfileUpdated> {
  return {
    user_id: registered.user_id,
    email: registered.email,
    name: registered.name,
    phone: null,
    address: null,
    updated_at: now(),
    ...overrides,
  };
}

export const orderCreated = (customerId: string, orderId = uuidv7()): DataOf<typeof OrderCreated> => ({
  order_id: orderId,
  customer_id: customerId,
  items: [{ product_id: uuidv7(), quantity: 1, unit_price: usd(2599) }],
  total: usd(2599),
  created_at: now(),
});

export const orderConfirmed = (
  customerId: string,
  orderId = uuidv7(),
  total = 2599,
): DataOf<typeof OrderConfirmed> => ({
  order_id: orderId,
  customer_id: customerId,
  total: usd(total),
  confirmed_at: now(),
});

export const orderRejected = (
  customerId: string,
  reason: string,
  orderId = uuidv7(),
): DataOf<typeof OrderRejected> => ({
  order_id: orderId,
  customer_id: customerId,
  reason,
  rejected_at: now(),
});

export const orderShipped = (customerId: string, orderId = uuidv7()): DataOf<typeof OrderShipped> => ({
  order_id: orderId,
  customer_id: customerId,
  shipped_at: now(),
});

export const orderCancelled = (
  customerId: string,
  refunded: number,
  orderId = uuidv7(),
): DataOf<typeof OrderCancelled> => ({
  order_id: orderId,
  customer_id: customerId,
  reason: 'customer_request',
  refunded: usd(refunded),
  cancelled_at: now(),
});

export const paymentRefunded = (orderId: string, amount: number): DataOf<typeof PaymentRefunded> => ({
  payment_id: uuidv7(),
  refund_id: uuidv7(),
  order_id: orderId,
  amount: usd(amount),
});
