// Sent when an order could not be completed (anything already taken has been given back).
import { orderReference } from '../domain/order-reference.js';
import { reasonInPlainWords } from '../domain/reasons.js';
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export interface OrderRejectedData {
  order_id: string;
  reason: string;
}

export const orderRejected = defineTemplate<OrderRejectedData>({
  subject: (d) => `We could not complete your order ${orderReference(d.order_id)}`,
  short: (d) =>
    `Emporium: order ${orderReference(d.order_id)} could not be completed: ${reasonInPlainWords(d.reason)}.`,
  body: (d, recipient) =>
    letter(recipient, 'Order not completed', [
      paragraph(
        `We could not complete your order ${orderReference(d.order_id)} because ${reasonInPlainWords(d.reason)}.`,
      ),
      paragraph('You have not been charged for it; anything reserved or paid has been given back.'),
      paragraph(`Order id: ${d.order_id}.`),
    ]),
});
