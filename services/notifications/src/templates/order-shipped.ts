// Sent when an order leaves the warehouse.
import { orderReference } from '../domain/order-reference.js';
import { letter, paragraph } from './layout.js';
import { defineTemplate } from './template.js';

export interface OrderShippedData {
  order_id: string;
}

export const orderShipped = defineTemplate<OrderShippedData>({
  subject: (d) => `Your order ${orderReference(d.order_id)} has shipped`,
  short: (d) => `Emporium: order ${orderReference(d.order_id)} has shipped and is on its way.`,
  body: (d, recipient) =>
    letter(recipient, 'Order shipped', [
      paragraph(`Good news: your order ${orderReference(d.order_id)} has shipped and is on its way to you.`),
      paragraph(`Order id: ${d.order_id}.`),
    ]),
});
