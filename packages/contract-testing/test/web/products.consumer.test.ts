// The web apps' pact with the catalog (gateway route "products"): the storefront browsing, searching and
// reading products (and the 404 of one that does not exist); the admin app adding, changing and deleting them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { exampleId } from '../../src/examples.js';
import { fromState } from '../../src/provider-values.js';
import {
  ADMIN_TOKEN,
  adminBearer,
  call,
  jsonRequest,
  jsonResponse,
  money,
  problem,
  problemResponse,
} from './support.js';

const PRODUCT = exampleId('web: a product on sale');
const card = {
  id: M.uuid(PRODUCT),
  name: M.string('Espresso Grinder'),
  description: M.string('A burr grinder for espresso.'),
  category: { slug: M.string('kitchen'), name: M.string('Kitchen') },
  price: money(8900),
  active: M.boolean(true),
};

describe('web → catalog: browsing the shop', () => {
  const { pact, settle } = consumerPact('web', 'catalog');

  it('lists a page of products with a cursor to the next', async () => {
    await pact
      .addInteraction()
      .given('the catalog has products to browse')
      .uponReceiving('a request for the first page of products')
      .withRequest('GET', '/api/products/v1/products', (b) => b.query({ limit: '20' }))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ items: M.eachLike(card, 1), next_cursor: M.string('eyJuIjoiQSJ9') }),
      )
      .executeTest(async (server) => {
        const { status, body } = await call(server.url, 'GET', '/api/products/v1/products?limit=20');
        assert.equal(status, 200);
        assert.equal((body.items as unknown[]).length, 1);
        assert.equal(typeof body.next_cursor, 'string');
      });
  });

  it('searches products by text', async () => {
    await pact
      .addInteraction()
      .given('the catalog has products to browse')
      .uponReceiving('a search for products')
      .withRequest('GET', '/api/products/v1/products', (b) => b.query({ q: 'grinder' }))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody({ items: M.eachLike(card, 1) }))
      .executeTest(async (server) => {
        const { body } = await call(server.url, 'GET', '/api/products/v1/products?q=grinder');
        assert.match(String((body.items as Array<{ name: string }>)[0]?.name), /Grinder/);
      });
  });

  it('reads one product', async () => {
    await pact
      .addInteraction()
      .given('a product is on sale')
      .uponReceiving('a request for a product')
      .withRequest('GET', fromState('/api/products/v1/products/{productId}', `/api/products/v1/products/${PRODUCT}`))
      .willRespondWith(200, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody({ ...card, sku: M.string('GRND-01'), image_url: M.string('/v1/images/grnd-01.svg') }),
      )
      .executeTest(async (server) => {
        const { status, body } = await call(server.url, 'GET', `/api/products/v1/products/${PRODUCT}`);
        assert.equal(status, 200);
        assert.equal(body.id, PRODUCT);
      });
  });

  it('gets a 404 problem for a product that does not exist', async () => {
    const unknown = exampleId('web: no such product');
    await pact
      .addInteraction()
      .given('no product has the id')
      .uponReceiving('a request for a product that does not exist')
      .withRequest('GET', `/api/products/v1/products/${unknown}`)
      .willRespondWith(404, (b) => b.headers(problemResponse).jsonBody(problem(404)))
      .executeTest(async (server) => {
        const { status, body } = await call(server.url, 'GET', `/api/products/v1/products/${unknown}`);
        assert.equal(status, 404);
        assert.equal(body.status, 404);
      });
  });

  it('lists the categories', async () => {
    await pact
      .addInteraction()
      .given('the catalog has products to browse')
      .uponReceiving('a request for the categories')
      .withRequest('GET', '/api/products/v1/categories')
      .willRespondWith(200, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody({ items: M.eachLike({ slug: M.string('kitchen'), name: M.string('Kitchen') }, 1) }),
      )
      .executeTest(async (server) => {
        const { body } = await call(server.url, 'GET', '/api/products/v1/categories');
        assert.equal((body.items as Array<{ slug: string }>)[0]?.slug, 'kitchen');
      });
  });

  const productPath = () => fromState('/api/products/v1/products/{productId}', `/api/products/v1/products/${PRODUCT}`);

  it('adds a product (admin)', async () => {
    const body = {
      sku: 'PACT-ADMIN-01',
      name: 'Camp Kettle',
      description: 'A kettle for the camp stove.',
      category: 'outdoor',
      price: { amount: 2500, currency: 'USD' },
    };
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .uponReceiving('a new product from an admin')
      .withRequest('POST', '/api/products/v1/products', (b) =>
        b.headers({ ...jsonRequest, authorization: adminBearer() }).jsonBody(body),
      )
      .willRespondWith(201, (b) =>
        b.headers(jsonResponse).jsonBody({ ...card, sku: body.sku, name: body.name, price: money(2500) }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', '/api/products/v1/products', { token: ADMIN_TOKEN, body });
        assert.equal(res.status, 201);
        assert.equal(res.body.sku, body.sku);
      });
  });

  it('changes a product’s price (admin)', async () => {
    const body = { price: { amount: 1999, currency: 'USD' } };
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a product is on sale')
      .uponReceiving('a price change from an admin')
      .withRequest('PATCH', productPath(), (b) =>
        b.headers({ ...jsonRequest, authorization: adminBearer() }).jsonBody(body),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody({ ...card, price: body.price }))
      .executeTest(async (server) => {
        const res = await call(server.url, 'PATCH', `/api/products/v1/products/${PRODUCT}`, {
          token: ADMIN_TOKEN,
          body,
        });
        assert.deepEqual(res.body.price, body.price);
      });
  });

  it('deletes a product (admin)', async () => {
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a product is on sale')
      .uponReceiving('a deletion from an admin')
      .withRequest('DELETE', productPath(), (b) => b.headers({ authorization: adminBearer() }))
      .willRespondWith(204)
      .executeTest(async (server) => {
        const res = await call(server.url, 'DELETE', `/api/products/v1/products/${PRODUCT}`, { token: ADMIN_TOKEN });
        assert.equal(res.status, 204);
      });
  });

  it('matches the committed pact', () => settle());
});
