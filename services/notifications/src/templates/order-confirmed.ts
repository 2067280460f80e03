// Sent when stock is reserved and payment captured.
import type { Money } from '@emporium/service-kit';
import { formatMoney } from '../domain/money.js';
import { orderReference } from '../domain/order-reference.js';
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export interface OrderConfirmedData {
  order_id: string;
  total: Money;
}

export const orderConfirmed = defineTemplate<OrderConfirmedData>({
  subject: (d) => `Your order ${orderReference(d.order_id)} is confirmed`,
  short: (d) => `Emporium: order ${orderReference(d.order_id)} is confirmed (${formatMoney(d.total)}).`,
  body: (d, recipient) =>
    letter(recipient, 'Order confirmed', [
      paragraph(`Thank you for your order ${orderReference(d.order_id)}. It is confirmed and paid.`),
      paragraph(`Total charged: ${formatMoney(d.total)}.`),
      paragraph(`We will let you know when it ships. Order id: ${d.order_id}.`),
    ]),
});
