// The web apps' pact with inventory: how many units of a product can still be ordered (storefront), and
// setting and adjusting a product's stock (admin app).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { exampleId } from '../../src/examples.js';
import { fromState } from '../../src/provider-values.js';
import { ADMIN_TOKEN, adminBearer, call, jsonRequest, jsonResponse } from './support.js';

const PRODUCT = exampleId('web: a product in stock');

describe('web → inventory: stock on the product page', () => {
  const { pact, settle } = consumerPact('web', 'inventory');

  it('reads the available stock of a product', async () => {
    await pact
      .addInteraction()
      .given('a product is in stock')
      .uponReceiving('a request for a product’s stock')
      .withRequest('GET', fromState('/api/inventory/v1/stock/{productId}', `/api/inventory/v1/stock/${PRODUCT}`))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ product_id: M.uuid(PRODUCT), available: M.integer(12) }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/inventory/v1/stock/${PRODUCT}`);
        assert.equal(res.body.available, 12);
      });
  });

  it('reads the stock of the products in a list', async () => {
    await pact
      .addInteraction()
      .given('a product is in stock')
      .uponReceiving('a request for the stock of several products')
      .withRequest('GET', '/api/inventory/v1/stock', (b) => b.query({ product_ids: fromState('{productId}', PRODUCT) }))
      .willRespondWith(200, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody({ items: M.eachLike({ product_id: M.uuid(PRODUCT), available: M.integer(12) }, 1) }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', `/api/inventory/v1/stock?product_ids=${PRODUCT}`);
        assert.equal((res.body.items as Array<{ product_id: string }>)[0]?.product_id, PRODUCT);
      });
  });

  const stockPath = (suffix = '') =>
    fromState(`/api/inventory/v1/stock/{productId}${suffix}`, `/api/inventory/v1/stock/${PRODUCT}${suffix}`);
  const level = (onHand: number) => ({
    product_id: M.uuid(PRODUCT),
    on_hand: M.integer(onHand),
    reserved: M.integer(0),
    available: M.integer(onHand),
  });

  it('sets a product’s counted stock (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a product is in stock')
      .uponReceiving('a stock count from an admin')
      .withRequest('PUT', stockPath(), (b) =>
        b.headers({ ...jsonRequest, authorization: adminBearer() }).jsonBody({ on_hand: 20 }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(level(20)))
      .executeTest(async (server) => {
        const res = await call(server.url, 'PUT', `/api/inventory/v1/stock/${PRODUCT}`, {
          token: ADMIN_TOKEN,
          body: { on_hand: 20 },
        });
        assert.equal(res.body.on_hand, 20);
      });
  });

  it('adjusts a product’s stock (admin)', async () => {
    const body = { delta: -2, reason: 'damaged' };
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a product is in stock')
      .uponReceiving('a stock adjustment from an admin')
      .withRequest('POST', stockPath('/adjustments'), (b) =>
        b
          .headers({
            ...jsonRequest,
            authorization: adminBearer(),
            'idempotency-key': M.uuid(exampleId('web: adjustment key')),
          })
          .jsonBody(body),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(level(10)))
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', `/api/inventory/v1/stock/${PRODUCT}/adjustments`, {
          token: ADMIN_TOKEN,
          headers: { 'idempotency-key': exampleId('web: adjustment key') },
          body,
        });
        assert.equal(res.body.on_hand, 10);
      });
  });

  it('matches the committed pact', () => settle());
});
