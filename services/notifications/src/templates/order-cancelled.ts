// Sent when an order is cancelled before shipping; says that what was paid comes back, if anything was.
// The amount is the order's total, which is not always what is left to refund (an admin may have refunded
// part or all of it already), so the amount actually sent back is told by the refund email (PaymentRefunded).
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
    ? `What is left of your payment of ${formatMoney(refunded)} is being refunded to your payment method; we will email you the amount once the refund is issued.`
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
