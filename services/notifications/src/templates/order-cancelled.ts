// Sent when an order is cancelled before shipping; says what is refunded, if anything was paid.
import type { Money } from '@emporium/service-kit';
import { formatMoney } from '../domain/money.js';
import { orderReference } from '../domain/order-reference.js';
import { reasonInPlainWords } from '../domain/reasons.js';
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export interface OrderCancelledData {
  order_id: string;
  reason: string;
  refunded: Money;
}

const refundLine = (refunded: Money) =>
  refunded.amount > 0
    ? `A refund of ${formatMoney(refunded)} is on its way to your payment method.`
    : 'You had not been charged for it.';

export const orderCancelled = defineTemplate<OrderCancelledData>({
  subject: (d) => `Your order ${orderReference(d.order_id)} is cancelled`,
  short: (d) => `Emporium: order ${orderReference(d.order_id)} is cancelled. ${refundLine(d.refunded)}`,
  body: (d, recipient) =>
    letter(recipient, 'Order cancelled', [
      paragraph(`Your order ${orderReference(d.order_id)} is cancelled because ${reasonInPlainWords(d.reason)}.`),
      paragraph(refundLine(d.refunded)),
      paragraph(`Order id: ${d.order_id}.`),
    ]),
});
