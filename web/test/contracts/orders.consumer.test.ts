// The web apps' pact with the orders service: placing an order, reading it and the customer's orders,
// cancelling it, the 404 of an order that is not the customer's (storefront); shipping an order and
// reading its saga (admin app). Each request goes through the apps' orders client as the page named
// beside it makes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, EXAMPLE_TIME, exampleId, fromState, RFC3339 } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { attemptFor, idempotencyHeader } from '../../src/api/idempotency.js';
import { PAGE_SIZES } from '../../src/api/page-sizes.js';
import { unwrap } from '../../src/api/problem.js';
import type { NewOrder } from '../../src/api/types.js';
import {
  adminBearer,
  asAdmin,
  asCustomer,
  bearer,
  jsonRequest,
  jsonResponse,
  money,
  problem,
  problemResponse,
  refusal,
} from './support.js';

const ORDER = exampleId('web: an order');
const PRODUCT = exampleId('web: a product on sale');
const STATUS = '(pending|confirmed|rejected|cancelled|shipped)';
const address = { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' };
const orderPath = (suffix = '') =>
  fromState(`/api/orders/v1/orders/{orderId}${suffix}`, `/api/orders/v1/orders/${ORDER}${suffix}`);
const signedIn = { authorization: bearer() };
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
const byId = { params: { path: { id: ORDER } } };

describe('web → orders: placing and following orders', () => {
  const { pact, settle } = consumerPact('web', 'orders');

  it('places an order, which starts pending', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer can order a product on sale')
      .uponReceiving('an order')
      .withRequest('POST', '/api/orders/v1/orders', (b) =>
        b
          .headers({
            ...signedIn,
            ...jsonRequest,
            'idempotency-key': M.uuid(exampleId('web: idempotency key')),
          })
          .jsonBody({
            items: [{ product_id: fromState('{productId}', PRODUCT), quantity: 1 }],
            payment_method: 'pm_card_visa',
            shipping_address: address,
          }),
      )
      .willRespondWith(202, (b) => b.headers(jsonResponse).jsonBody(order('pending')))
      .executeTest(async (server) => {
        // CheckoutPage: the cart's lines, the payment method, the address; a key for this attempt
        const body: NewOrder = {
          items: [{ product_id: PRODUCT, quantity: 1 }],
          payment_method: 'pm_card_visa',
          shipping_address: address,
        };
        const attempt = attemptFor(undefined, body);
        const placed = await unwrap(
          asCustomer(server.url).orders.POST('/v1/orders', { body, params: { header: idempotencyHeader(attempt) } }),
        );
        assert.equal(placed.id, ORDER);
        assert.equal(placed.status, 'pending');
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
        // OrderPage, and order-status.ts when it polls
        const read = await unwrap(asCustomer(server.url).orders.GET('/v1/orders/{id}', byId));
        assert.equal(read.id, ORDER);
        assert.equal(read.status_history[0]?.status, 'pending');
      });
  });

  it('lists the customer’s orders', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has placed an order')
      .uponReceiving('a request for the customer’s orders')
      .withRequest('GET', '/api/orders/v1/orders', (b) =>
        b.query({ limit: String(PAGE_SIZES.accountOrders) }).headers(signedIn),
      )
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ items: M.eachLike(order(M.regex(STATUS, 'pending')), 1) }),
      )
      .executeTest(async (server) => {
        // AccountPage's orders tab
        const page = await unwrap(
          asCustomer(server.url).orders.GET('/v1/orders', { params: { query: { limit: PAGE_SIZES.accountOrders } } }),
        );
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0]?.id, ORDER);
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
        // OrderPage and AccountPage's "Cancel order"
        const cancelled = await unwrap(asCustomer(server.url).orders.POST('/v1/orders/{id}/cancel', byId));
        assert.equal(cancelled.status, 'cancelled');
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
        const refused = await refusal(
          asCustomer(server.url).orders.GET('/v1/orders/{id}', { params: { path: { id: other } } }),
        );
        assert.equal(refused.status, 404);
        assert.equal(refused.detail, 'why');
      });
  });

  const admin = { authorization: adminBearer() };

  it('ships a confirmed order (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('an order is confirmed')
      .uponReceiving('a shipment of a confirmed order')
      .withRequest('POST', orderPath('/ship'), (b) => b.headers(admin))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(order('shipped')))
      .executeTest(async (server) => {
        // OrderDetailPage's "Ship"
        const shipped = await unwrap(asAdmin(server.url).orders.POST('/v1/orders/{id}/ship', byId));
        assert.equal(shipped.status, 'shipped');
      });
  });

  it('reads an order’s saga, step by step (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('an order is confirmed')
      .uponReceiving('a request for an order’s saga')
      .withRequest('GET', orderPath('/saga'), (b) => b.headers(admin))
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
        // OrderDetailPage's saga diagram
        const saga = await unwrap(asAdmin(server.url).orders.GET('/v1/orders/{id}/saga', byId));
        assert.equal(saga.order_id, ORDER);
        assert.equal(saga.timeline[0]?.step, 'reserve_inventory');
      });
  });

  it('matches the committed pact', () => settle());
});
