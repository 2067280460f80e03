// The admin app's pact with payments: an order's payment, and a refund an admin asks for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { exampleId } from '../../src/examples.js';
import { fromState } from '../../src/provider-values.js';
import { ADMIN_TOKEN, adminBearer, call, jsonRequest, jsonResponse, money } from './support.js';

const ORDER = exampleId('web: a paid order');
const PAYMENT = exampleId('web: a captured payment');

describe('web → payments: payments in the admin app', () => {
  const { pact, settle } = consumerPact('web', 'payments');

  it('finds the payment of an order (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a payment is captured')
      .uponReceiving('a request for the payment of an order')
      .withRequest('GET', '/api/payments/v1/payments', (b) =>
        b
          .query({ order_id: fromState('{orderId}', ORDER) })
          .headers({ accept: 'application/json', authorization: adminBearer() }),
      )
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({
          items: M.eachLike(
            {
              id: M.uuid(PAYMENT),
              order_id: M.uuid(ORDER),
              amount: money(2598),
              status: M.regex('(processing|captured|declined|refunded)', 'captured'),
              refunded_amount: money(0),
            },
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/payments/v1/payments?order_id=${ORDER}`, {
          token: ADMIN_TOKEN,
        });
        assert.equal((res.body.items as Array<{ status: string }>)[0]?.status, 'captured');
      });
  });

  it('refunds part of a captured payment (admin)', async () => {
    const body = { amount: { amount: 500, currency: 'USD' } };
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a payment is captured')
      .uponReceiving('a partial refund from an admin')
      .withRequest(
        'POST',
        fromState('/api/payments/v1/payments/{paymentId}/refunds', `/api/payments/v1/payments/${PAYMENT}/refunds`),
        (b) =>
          b
            .headers({
              ...jsonRequest,
              authorization: adminBearer(),
              'idempotency-key': M.uuid(exampleId('web: refund key')),
            })
            .jsonBody(body),
      )
      .willRespondWith(202, (b) =>
        b.headers(jsonResponse).jsonBody({
          id: M.uuid(exampleId('web: a refund')),
          payment_id: M.uuid(PAYMENT),
          amount: money(500),
          status: 'pending',
        }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', `/api/payments/v1/payments/${PAYMENT}/refunds`, {
          token: ADMIN_TOKEN,
          headers: { 'idempotency-key': exampleId('web: refund key') },
          body,
        });
        assert.equal(res.status, 202);
        assert.equal(res.body.status, 'pending');
      });
  });

  it('matches the committed pact', () => settle());
});
