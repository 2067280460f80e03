// The web apps' pact with the orders service: placing an order, reading it and the customer's orders,
// cancelling it, the 404 of an order that is not the customer's (storefront); shipping an order and
// reading its saga (admin app).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { EXAMPLE_TIME, exampleId, RFC3339 } from '../../src/examples.js';
import { fromState } from '../../src/provider-values.js';
import {
  ADMIN_TOKEN,
  adminBearer,
  bearer,
  call,
  EXAMPLE_TOKEN,
  jsonResponse,
  money,
  problem,
  problemResponse,
} from './support.js';

const ORDER = exampleId('web: an order');
const PRODUCT = exampleId('web: a product on sale');
const STATUS = '(pending|confirmed|rejected|cancelled|shipped)';
const address = { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' };
const orderPath = (suffix = '') =>
  fromState(`/api/orders/v1/orders/{orderId}${suffix}`, `/api/orders/v1/orders/${ORDER}${suffix}`);
const signedIn = { accept: 'application/json', authorization: bearer() };
const order = (status: unknown) => ({
  id: M.uuid(ORDER),
  status,
  items: M.eachLike(
    {
      product_id: M.uuid(PRODUCT),
      name: M.string('Espresso Grinder'),
      quantity: M.integer(1),
      unit_price: money(8900),
    },
    1,
  ),
  total: money(8900),
  status_history: M.eachLike({ status: M.regex(STATUS, 'pending'), at: M.regex(RFC3339, EXAMPLE_TIME) }, 1),
  created_at: M.regex(RFC3339, EXAMPLE_TIME),
});

describe('web → orders: placing and following orders', () => {
  const { pact, settle } = consumerPact('web', 'orders');

  it('places an order, which starts pending', async () => {
    const body = {
      items: [{ product_id: fromState('{productId}', PRODUCT), quantity: 1 }],
      payment_method: 'pm_card_visa',
      shipping_address: address,
    };
    await pact
      .addInteraction()
      .given('a signed-in customer can order a product on sale')
      .uponReceiving('an order')
      .withRequest('POST', '/api/orders/v1/orders', (b) =>
        b
          .headers({
            ...signedIn,
            'content-type': 'application/json',
            'idempotency-key': M.uuid(exampleId('web: idempotency key')),
          })
          .jsonBody(body),
      )
      .willRespondWith(202, (b) => b.headers(jsonResponse).jsonBody(order('pending')))
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', '/api/orders/v1/orders', {
          token: EXAMPLE_TOKEN,
          headers: { 'idempotency-key': exampleId('web: idempotency key') },
          body: {
            items: [{ product_id: PRODUCT, quantity: 1 }],
            payment_method: 'pm_card_visa',
            shipping_address: address,
          },
        });
        assert.equal(res.status, 202);
        assert.equal(res.body.status, 'pending');
      });
  });

  it('reads an order with its status history', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has placed an order')
      .uponReceiving('a request for one of the customer’s orders')
      .withRequest('GET', orderPath(), (b) => b.headers(signedIn))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(order(M.regex(STATUS, 'pending'))))
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/orders/v1/orders/${ORDER}`, { token: EXAMPLE_TOKEN });
        assert.equal(res.body.id, ORDER);
        assert.ok(Array.isArray(res.body.status_history));
      });
  });

  it('lists the customer’s orders', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has placed an order')
      .uponReceiving('a request for the customer’s orders')
      .withRequest('GET', '/api/orders/v1/orders', (b) => b.headers(signedIn))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ items: M.eachLike(order(M.regex(STATUS, 'pending')), 1) }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', '/api/orders/v1/orders', { token: EXAMPLE_TOKEN });
        assert.equal((res.body.items as unknown[]).length, 1);
      });
  });

  it('cancels an order', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has placed an order')
      .uponReceiving('a cancellation of the customer’s order')
      .withRequest('POST', orderPath('/cancel'), (b) => b.headers(signedIn))
      .willRespondWith(202, (b) => b.headers(jsonResponse).jsonBody(order('cancelled')))
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', `/api/orders/v1/orders/${ORDER}/cancel`, { token: EXAMPLE_TOKEN });
        assert.equal(res.body.status, 'cancelled');
      });
  });

  it('gets a 404 problem for an order that is not the customer’s', async () => {
    const other = exampleId('web: somebody else’s order');
    await pact
      .addInteraction()
      .given('a signed-in customer has placed an order')
      .uponReceiving('a request for an order that is not the customer’s')
      .withRequest('GET', `/api/orders/v1/orders/${other}`, (b) => b.headers(signedIn))
      .willRespondWith(404, (b) => b.headers(problemResponse).jsonBody(problem(404)))
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/orders/v1/orders/${other}`, { token: EXAMPLE_TOKEN });
        assert.equal(res.status, 404);
      });
  });

  const asAdmin = { accept: 'application/json', authorization: adminBearer() };

  it('ships a confirmed order (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('an order is confirmed')
      .uponReceiving('a shipment of a confirmed order')
      .withRequest('POST', orderPath('/ship'), (b) => b.headers(asAdmin))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(order('shipped')))
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', `/api/orders/v1/orders/${ORDER}/ship`, { token: ADMIN_TOKEN });
        assert.equal(res.body.status, 'shipped');
      });
  });

  it('reads an order’s saga, step by step (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('an order is confirmed')
      .uponReceiving('a request for an order’s saga')
      .withRequest('GET', orderPath('/saga'), (b) => b.headers(asAdmin))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({
          order_id: M.uuid(ORDER),
          status: M.string('completed'),
          completed_steps: M.eachLike('reserve_inventory', 1),
          timeline: M.eachLike(
            { step: M.string('reserve_inventory'), event: M.string('started'), at: M.regex(RFC3339, EXAMPLE_TIME) },
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/orders/v1/orders/${ORDER}/saga`, { token: ADMIN_TOKEN });
        assert.equal(res.body.order_id, ORDER);
      });
  });

  it('matches the committed pact', () => settle());
});
