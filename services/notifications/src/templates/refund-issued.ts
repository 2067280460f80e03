// Sent when money goes back to the customer.
import type { Money } from '@emporium/service-kit';
import { formatMoney } from '../domain/money.js';
import { orderReference } from '../domain/order-reference.js';
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export interface RefundIssuedData {
  order_id: string;
  amount: Money;
}

export const refundIssued = defineTemplate<RefundIssuedData>({
  subject: (d) => `Refund of ${formatMoney(d.amount)} issued for order ${orderReference(d.order_id)}`,
  short: (d) => `Emporium: we refunded ${formatMoney(d.amount)} for order ${orderReference(d.order_id)}.`,
  body: (d, recipient) =>
    letter(recipient, 'Refund issued', [
      paragraph(`We have refunded ${formatMoney(d.amount)} for your order ${orderReference(d.order_id)}.`),
      paragraph('Depending on your bank, it can take a few days to show on your statement.'),
      paragraph(`Order id: ${d.order_id}.`),
    ]),
});
