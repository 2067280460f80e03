// The admin app's pact with payments: an order's payment, and a refund an admin asks for, requested
// through the apps' payments client as OrderDetailPage makes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, exampleId, fromState } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { attemptFor, idempotencyHeader } from '../../src/api/idempotency.js';
import { PAGE_SIZES } from '../../src/api/page-sizes.js';
import { unwrap } from '../../src/api/problem.js';
import { adminBearer, asAdmin, jsonRequest, jsonResponse, money } from './support.js';

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
          .query({ order_id: fromState('{orderId}', ORDER), limit: String(PAGE_SIZES.orderPayments) })
          .headers({ authorization: adminBearer() }),
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
        // OrderDetailPage's payments
        const payments = await unwrap(
          asAdmin(server.url).payments.GET('/v1/payments', {
            params: { query: { order_id: ORDER, limit: PAGE_SIZES.orderPayments } },
          }),
        );
        assert.equal(payments.items[0]?.status, 'captured');
        assert.equal(payments.items[0]?.amount.amount, 2598);
      });
  });

  it('refunds part of a captured payment (admin)', async () => {
    // OrderDetailPage's refund form with an amount (5.00 of the payment's currency); one key per refund
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
        const attempt = attemptFor(undefined, body);
        const refund = await unwrap(
          asAdmin(server.url).payments.POST('/v1/payments/{id}/refunds', {
            params: { path: { id: PAYMENT }, header: idempotencyHeader(attempt) },
            body,
          }),
        );
        assert.equal(refund.payment_id, PAYMENT);
        assert.equal(refund.status, 'pending');
      });
  });

  it('matches the committed pact', () => settle());
});
