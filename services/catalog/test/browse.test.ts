// Browsing the catalog: the seed, categories, paging by name, category filter and reading by id.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, errorPaths } from '@emporium/service-testing';
import type { ProductJson, ProductPage } from '../src/api/product-schemas.js';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';
import { walkPages } from './support/products.js';

interface CategoryJson {
  slug: string;
  name: string;
  product_count: number;
}

describe('browsing the catalog', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_browse');
  });
  after(() => catalog.close());

  const list = (query: Record<string, string> = {}) => catalog.app.inject({ url: '/v1/products', query });

  test('a fresh start has the seed: at least 50 products in at least 6 categories', async () => {
    const res = await catalog.app.inject({ url: '/v1/categories' });
    assert.equal(res.statusCode, 200);
    const { items } = res.json<{ items: CategoryJson[] }>();
    assert.ok(items.length >= 6, `${items.length} categories`);
    assert.ok(
      items.every((c) => c.product_count > 0),
      'every category has products',
    );
    const total = items.reduce((sum, c) => sum + c.product_count, 0);
    assert.ok(total >= 50, `${total} products`);
    assert.deepEqual(
      items.map((c) => c.name),
      items.map((c) => c.name).toSorted((a, b) => a.localeCompare(b)),
      'categories come by name',
    );
    assert.deepEqual(
      items.find((c) => c.slug === 'kitchen'),
      {
        ...items.find((c) => c.slug === 'kitchen'),
        name: 'Kitchen',
        product_count: 9,
      },
    );
  });

  test('the first page holds 20 products and a cursor by default', async () => {
    const page = (await list()).json<ProductPage>();
    assert.equal(page.items.length, 20);
    assert.equal(typeof page.next_cursor, 'string');
  });

  test('walking the pages lists every active product once, by name', async () => {
    const pages = await walkPages(catalog.app, { limit: '7' });
    const all = pages.flatMap((p) => p.items);
    assert.equal(pages.length, 9, '63 seed products in pages of 7');
    assert.equal(all.length, 63);
    assert.equal(new Set(all.map((p) => p.id)).size, all.length, 'no product twice');
    const byName = await catalog.pool.query<{ id: string }>('SELECT id FROM products ORDER BY name, id');
    assert.deepEqual(
      all.map((p) => p.id),
      byName.rows.map((r) => r.id),
      "in the database's name order",
    );
    assert.equal(pages.at(-1)?.next_cursor, null);
  });

  test('the category filter lists only products of that category', async () => {
    const { items } = (await list({ category: 'books', limit: '100' })).json<ProductPage>();
    assert.equal(items.length, 9);
    assert.ok(items.every((p) => p.category.slug === 'books' && p.category.name === 'Books'));
  });

  test('an unknown category lists nothing', async () => {
    const res = await list({ category: 'garden' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { items: [], next_cursor: null });
  });

  test('a limit over 100, or under 1, is refused with a 400 problem', async () => {
    for (const limit of ['101', '0', 'ten']) {
      assert.deepEqual(errorPaths(await list({ limit }), `limit=${limit}`), ['querystring/limit']);
    }
  });

  test('a cursor this API did not issue is refused with a 400 problem', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cursors = ['not-a-cursor', forged({ page: 2 }), forged({ name: 'A', id: "1' OR 1=1" })];
    for (const cursor of cursors) {
      assert.deepEqual(errorPaths(await list({ cursor }), cursor), ['querystring/cursor']);
    }
  });

  test('a browsing cursor is refused by a search', async () => {
    const { next_cursor } = (await list({ limit: '2' })).json<ProductPage>();
    assert.deepEqual(errorPaths(await list({ q: 'coffee', cursor: next_cursor ?? '' })), ['querystring/cursor']);
  });

  test('a product reads by id with its category, price and UTC timestamps', async () => {
    const [listed] = (await list({ category: 'kitchen', limit: '100' }))
      .json<ProductPage>()
      .items.filter((p) => p.sku === 'KIT-002');
    assert.ok(listed);
    const res = await catalog.app.inject({ url: `/v1/products/${listed.id}` });
    assert.equal(res.statusCode, 200);
    const product = res.json<ProductJson>();
    assert.deepEqual(product, listed);
    assert.equal(product.name, 'Stovetop Espresso Maker');
    assert.deepEqual(product.category, { slug: 'kitchen', name: 'Kitchen' });
    assert.deepEqual(product.price, { amount: 2999, currency: 'USD' });
    assert.equal(product.image_url, '/api/products/v1/images/kit-002.svg');
    assert.equal(product.active, true);
    assert.match(product.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(product.updated_at, /Z$/);
  });

  test('an unknown id is a 404 problem', async () => {
    const res = await catalog.app.inject({ url: '/v1/products/0190c0de-0000-7000-8000-000000000000' });
    assertProblem(res, 404);
  });

  test('a malformed id is a 400 problem naming the parameter', async () => {
    const res = await catalog.app.inject({ url: '/v1/products/KIT-002' });
    assert.deepEqual(errorPaths(res), ['params/id']);
  });
});
