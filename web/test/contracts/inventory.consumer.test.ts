// The web apps' pact with inventory: how many units of a product can still be ordered (storefront), and
// setting and adjusting a product's stock (admin app). Each request goes through the apps' inventory
// client as the page named beside it makes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, exampleId, fromState } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { attemptFor, idempotencyHeader } from '../../src/api/idempotency.js';
import { unwrap } from '../../src/api/problem.js';
import { adminBearer, asAdmin, jsonRequest, jsonResponse, signedOut } from './support.js';

const PRODUCT = exampleId('web: a product in stock');
const byProduct = { params: { path: { product_id: PRODUCT } } };

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
        // ProductPage
        const stock = await unwrap(signedOut(server.url).inventory.GET('/v1/stock/{product_id}', byProduct));
        assert.equal(stock.available, 12);
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
        // CatalogPage and the cart: the ids of the products shown, joined by commas
        const ids = [PRODUCT];
        const stock = await unwrap(
          signedOut(server.url).inventory.GET('/v1/stock', { params: { query: { product_ids: ids.join(',') } } }),
        );
        assert.equal(stock.items[0]?.product_id, PRODUCT);
        assert.equal(stock.items[0]?.available, 12);
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
        // StockPanel's "Set"
        const stock = await unwrap(
          asAdmin(server.url).inventory.PUT('/v1/stock/{product_id}', { ...byProduct, body: { on_hand: 20 } }),
        );
        assert.equal(stock.on_hand, 20);
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
        // StockPanel's "Adjust": one key per adjustment the admin means to make
        const attempt = attemptFor(undefined, body);
        const stock = await unwrap(
          asAdmin(server.url).inventory.POST('/v1/stock/{product_id}/adjustments', {
            params: { path: { product_id: PRODUCT }, header: idempotencyHeader(attempt) },
            body,
          }),
        );
        assert.equal(stock.on_hand, 10);
      });
  });

  it('matches the committed pact', () => settle());
});
