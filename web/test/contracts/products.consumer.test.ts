// The web apps' pact with the catalog (gateway route "products"): the storefront browsing, searching and
// reading products (and the 404 of one that does not exist); the admin app adding, changing and deleting
// them. Each request goes through the apps' products client as the page named beside it makes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, exampleId, fromState } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { PAGE_SIZES } from '../../src/api/page-sizes.js';
import { unwrap } from '../../src/api/problem.js';
import type { NewProduct } from '../../src/api/types.js';
import {
  adminBearer,
  asAdmin,
  jsonRequest,
  jsonResponse,
  money,
  problem,
  problemResponse,
  refusal,
  signedOut,
} from './support.js';

const PRODUCT = exampleId('web: a product on sale');
/** CatalogPage's page size: the first page, and the search results, ask for this many. */
const PAGE_SIZE = PAGE_SIZES.catalog;
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
      .withRequest('GET', '/api/products/v1/products', (b) => b.query({ limit: String(PAGE_SIZE) }))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ items: M.eachLike(card, 1), next_cursor: M.string('eyJuIjoiQSJ9') }),
      )
      .executeTest(async (server) => {
        // CatalogPage, no category and no search
        const page = await unwrap(
          signedOut(server.url).products.GET('/v1/products', { params: { query: { limit: PAGE_SIZE } } }),
        );
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0]?.price.amount, 8900);
        assert.equal(page.next_cursor, 'eyJuIjoiQSJ9');
      });
  });

  it('searches products by text', async () => {
    await pact
      .addInteraction()
      .given('the catalog has products to browse')
      .uponReceiving('a search for products')
      .withRequest('GET', '/api/products/v1/products', (b) => b.query({ limit: String(PAGE_SIZE), q: 'grinder' }))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody({ items: M.eachLike(card, 1) }))
      .executeTest(async (server) => {
        // CatalogPage with a search (/search?q=grinder)
        const page = await unwrap(
          signedOut(server.url).products.GET('/v1/products', { params: { query: { limit: PAGE_SIZE, q: 'grinder' } } }),
        );
        assert.match(String(page.items[0]?.name), /Grinder/);
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
        // ProductPage
        const product = await unwrap(
          signedOut(server.url).products.GET('/v1/products/{id}', { params: { path: { id: PRODUCT } } }),
        );
        assert.equal(product.id, PRODUCT);
        assert.equal(product.sku, 'GRND-01');
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
        const refused = await refusal(
          signedOut(server.url).products.GET('/v1/products/{id}', { params: { path: { id: unknown } } }),
        );
        assert.equal(refused.status, 404);
        assert.equal(refused.detail, 'why');
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
        const categories = await unwrap(signedOut(server.url).products.GET('/v1/categories'));
        assert.equal(categories.items[0]?.slug, 'kitchen');
      });
  });

  const productPath = () => fromState('/api/products/v1/products/{productId}', `/api/products/v1/products/${PRODUCT}`);

  it('adds a product (admin)', async () => {
    // ProductEditPage, a new product without an image
    const body: NewProduct = {
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
        const created = await unwrap(asAdmin(server.url).products.POST('/v1/products', { body }));
        assert.equal(created.sku, body.sku);
        assert.equal(created.price.amount, 2500);
      });
  });

  it('changes a product’s price (admin)', async () => {
    // ProductEditPage saves the whole form, whatever changed: here the price, 89.00 → 19.99
    const body: NewProduct = {
      sku: 'PACT-GRND-01',
      name: 'Espresso Grinder',
      description: 'A burr grinder for espresso.',
      category: 'kitchen',
      price: { amount: 1999, currency: 'USD' },
    };
    await pact
      .addInteraction()
      .given('an admin is signed in')
      .given('a product is on sale')
      .uponReceiving('a price change from an admin')
      .withRequest('PATCH', productPath(), (b) =>
        b.headers({ ...jsonRequest, authorization: adminBearer() }).jsonBody(body),
      )
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ ...card, sku: body.sku, name: body.name, price: body.price }),
      )
      .executeTest(async (server) => {
        const changed = await unwrap(
          asAdmin(server.url).products.PATCH('/v1/products/{id}', { params: { path: { id: PRODUCT } }, body }),
        );
        assert.deepEqual(changed.price, body.price);
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
        // ProductEditPage's "Discontinue": an empty answer, and no problem
        const answer = await unwrap(
          asAdmin(server.url).products.DELETE('/v1/products/{id}', { params: { path: { id: PRODUCT } } }),
        );
        assert.equal(answer, undefined);
      });
  });

  it('matches the committed pact', () => settle());
});
