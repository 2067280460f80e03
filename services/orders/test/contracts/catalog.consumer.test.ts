// Orders' pact with the catalog: what the order service's real catalog client (prices at order time)
// asks of GET /v1/products/{id}, and what it does with the answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, exampleId, fromState, MatchersV3 as M } from '@emporium/contract-testing';
import { createCatalogClient } from '../../src/clients/catalog-client.js';

const KNOWN = exampleId('catalog: a product on sale');
const DISCONTINUED = exampleId('catalog: a discontinued product');
const UNKNOWN = exampleId('catalog: no such product');

const productPath = (example: string) => fromState('/v1/products/{productId}', `/v1/products/${example}`);
const json = { 'content-type': M.regex('application/json.*', 'application/json; charset=utf-8') };
const product = (id: string, active: boolean) => ({
  id: M.uuid(id),
  sku: M.string('MUG-ENAMEL-01'),
  name: M.string('Enamel Camping Mug'),
  price: { amount: M.integer(1299), currency: M.regex('[A-Z]{3}', 'USD') },
  active: M.boolean(active),
});

describe('orders → catalog: product lookups at order time', () => {
  const { pact, settle } = consumerPact('orders', 'catalog');
  const client = (url: string) => createCatalogClient(url, 2_000);

  it('prices a line from a product on sale', async () => {
    await pact
      .addInteraction()
      .given('a product is on sale')
      .uponReceiving('a request for a product on sale')
      .withRequest('GET', productPath(KNOWN), (b) => b.headers({ accept: 'application/json' }))
      .willRespondWith(200, (b) => b.headers(json).jsonBody(product(KNOWN, true)))
      .executeTest(async (server) => {
        const found = await client(server.url).products([KNOWN]);
        assert.deepEqual(found.get(KNOWN), {
          id: KNOWN,
          sku: 'MUG-ENAMEL-01',
          name: 'Enamel Camping Mug',
          price: { amount: 1299, currency: 'USD' },
          active: true,
        });
      });
  });

  it('sees that a discontinued product is not for sale', async () => {
    await pact
      .addInteraction()
      .given('a product is discontinued')
      .uponReceiving('a request for a discontinued product')
      .withRequest('GET', productPath(DISCONTINUED), (b) => b.headers({ accept: 'application/json' }))
      .willRespondWith(200, (b) => b.headers(json).jsonBody(product(DISCONTINUED, false)))
      .executeTest(async (server) => {
        const found = await client(server.url).products([DISCONTINUED]);
        assert.equal(found.get(DISCONTINUED)?.active, false);
      });
  });

  it('treats a 404 as a product the catalog does not know', async () => {
    await pact
      .addInteraction()
      .given('no product has the id')
      .uponReceiving('a request for an unknown product')
      .withRequest('GET', `/v1/products/${UNKNOWN}`, (b) => b.headers({ accept: 'application/json' }))
      .willRespondWith(404, (b) =>
        b
          .headers({ 'content-type': M.regex('application/problem\\+json.*', 'application/problem+json') })
          .jsonBody({ status: 404, title: M.string('Not Found') }),
      )
      .executeTest(async (server) => {
        const found = await client(server.url).products([UNKNOWN]);
        assert.equal(found.has(UNKNOWN), true);
        assert.equal(found.get(UNKNOWN), undefined);
      });
  });

  it('matches the committed pact', () => settle());
});
