// Orders honours every pact that names it: the storefront's ordering (HTTP, through the real gateway,
// against the real app on its own database, a stand-in catalog pricing the lines), and the events and
// saga commands that inventory, payments, notifications and analytics consume - each produced by
// driving a real order through the saga (its routes and its reply handlers) and read from the outbox.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { itHonoursEveryPact, outboxOf, type ServedProvider, serveWithGateway } from '@emporium/contract-testing';
import { PaymentFailed } from '@emporium/contracts';
import { startTestOrders, type TestOrders } from '../support/orders.js';
import { confirmedOrder, placeOrder, reservedOrder } from './orders-in-flight.js';

describe('orders: provider verification', () => {
  let orders: TestOrders;
  let served: ServedProvider;
  before(async () => {
    orders = await startTestOrders('orders_pacts');
    served = await serveWithGateway(orders.app, 'orders', orders.tokens.verifier);
  });
  after(async () => {
    await served.close();
    await orders.close();
  });

  const token = () => orders.customer.authorization.replace(/^Bearer /, '');
  const outboxAfter = async (work: () => Promise<{ id: string }>) => outboxOf(orders.pool, (await work()).id);
  const act = async (url: string, headers: { authorization: string }) => {
    const res = await orders.app.inject({ method: 'POST', url, headers });
    assert.ok(res.statusCode < 300, res.body);
  };

  itHonoursEveryPact({
    provider: 'orders',
    baseUrlFor: () => served.gatewayUrl,
    states: {
      'an admin is signed in': async () => ({ adminToken: orders.admin.authorization.replace(/^Bearer /, '') }),
      'an order is confirmed': async () => ({ orderId: (await confirmedOrder(orders)).id }),
      'a signed-in customer can order a product on sale': async () => ({
        productId: orders.addProduct({ price: { amount: 8900, currency: 'USD' } }).id,
        token: token(),
      }),
      'a signed-in customer has placed an order': async () => ({
        orderId: (await placeOrder(orders)).id,
        token: token(),
      }),
    },
    publishes: {
      'an order is placed': () => outboxAfter(() => placeOrder(orders)),
      'stock is reserved for an order': () => outboxAfter(() => reservedOrder(orders)),
      'payment is captured for an order': () => outboxAfter(() => confirmedOrder(orders)),
      'payment is declined for an order': () =>
        outboxAfter(async () => {
          const order = await reservedOrder(orders);
          await orders.deliver(PaymentFailed, { order_id: order.id, reason: 'card_declined' });
          return order;
        }),
      'a confirmed order is shipped': () =>
        outboxAfter(async () => {
          const order = await confirmedOrder(orders);
          await act(`/v1/orders/${order.id}/ship`, orders.admin);
          return order;
        }),
      'a confirmed order is cancelled': () =>
        outboxAfter(async () => {
          const order = await confirmedOrder(orders);
          await act(`/v1/orders/${order.id}/cancel`, orders.customer);
          return order;
        }),
    },
  });
});
