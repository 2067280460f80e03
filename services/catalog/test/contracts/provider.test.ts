// The catalog honours every pact that names it: orders' product lookups and the storefront's browsing
// (HTTP, against the real app on its own database; the storefront's through the real gateway), and
// analytics' product events (published by the real admin routes, read back from the outbox).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { itHonoursEveryPact, outboxOf, type ServedProvider, serveWithGateway } from '@emporium/contract-testing';
import type { ProductJson } from '../../src/api/product-schemas.js';
import { startTestCatalog, type TestCatalog } from '../support/catalog.js';
import { productBody } from '../support/products.js';

describe('catalog: provider verification', () => {
  let catalog: TestCatalog;
  let served: ServedProvider;
  before(async () => {
    catalog = await startTestCatalog('catalog_pacts');
    served = await serveWithGateway(catalog.app, 'products', catalog.tokens.verifier);
  });
  after(async () => {
    await served.close();
    await catalog.close();
  });

  const create = async (overrides: Parameters<typeof productBody>[0] = {}) => {
    const res = await catalog.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: catalog.admin,
      payload: productBody(overrides),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<ProductJson>();
  };
  const discontinue = async (id: string) => {
    const res = await catalog.app.inject({ method: 'DELETE', url: `/v1/products/${id}`, headers: catalog.admin });
    assert.equal(res.statusCode, 204, res.body);
  };
  const change = async (id: string) => {
    const res = await catalog.app.inject({
      method: 'PATCH',
      url: `/v1/products/${id}`,
      headers: catalog.admin,
      payload: { price: { amount: 1499, currency: 'USD' } },
    });
    assert.equal(res.statusCode, 200, res.body);
  };

  itHonoursEveryPact({
    provider: 'catalog',
    baseUrlFor: (consumer) => (consumer === 'web' ? served.gatewayUrl : served.url),
    states: {
      'an admin is signed in': async () => ({ adminToken: catalog.admin.authorization.replace(/^Bearer /, '') }),
      'a product is on sale': async () => ({ productId: (await create()).id }),
      'a product is discontinued': async () => {
        const { id } = await create();
        await discontinue(id);
        return { productId: id };
      },
      'no product has the id': async () => undefined,
      'the catalog has products to browse': async () => {
        const product = await create({ name: 'Pact Espresso Grinder', description: 'A burr grinder for espresso.' });
        return { productId: product.id, category: product.category.slug };
      },
    },
    publishes: {
      'an admin adds a product': async () => outboxOf(catalog.pool, (await create()).id),
      'an admin changes a product': async () => {
        const { id } = await create();
        await change(id);
        return outboxOf(catalog.pool, id);
      },
      'an admin discontinues a product': async () => {
        const { id } = await create();
        await discontinue(id);
        return outboxOf(catalog.pool, id);
      },
    },
  });
});
