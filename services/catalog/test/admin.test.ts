// Managing products as an admin: create, change and (soft) delete, and who may do it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, errorPaths } from '@emporium/service-testing';
import type { CreateProductBody, ProductJson, ProductPage } from '../src/api/product-schemas.js';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';
import { productBody, skus } from './support/products.js';

describe('managing products', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_admin');
  });
  after(() => catalog.close());

  type Headers = Record<string, string>;
  const create = (payload: object, headers: Headers = catalog.admin) =>
    catalog.app.inject({ method: 'POST', url: '/v1/products', headers, payload });
  const patch = (id: string, payload: object, headers: Headers = catalog.admin) =>
    catalog.app.inject({ method: 'PATCH', url: `/v1/products/${id}`, headers, payload });
  const remove = (id: string, headers: Headers = catalog.admin) =>
    catalog.app.inject({ method: 'DELETE', url: `/v1/products/${id}`, headers });
  const read = async (id: string) => (await catalog.app.inject({ url: `/v1/products/${id}` })).json<ProductJson>();
  const created = async (overrides: Partial<CreateProductBody> = {}) => {
    const res = await create(productBody(overrides));
    assert.equal(res.statusCode, 201, res.body);
    return res.json<ProductJson>();
  };
  const listed = async (query: Record<string, string>, headers = {}) =>
    (await catalog.app.inject({ url: '/v1/products', query: { limit: '100', ...query }, headers })).json<ProductPage>();

  test('an admin creates a product that is then readable, listed and searchable', async () => {
    const body = productBody({ name: 'Titanium Spork' });
    const res = await create(body);
    assert.equal(res.statusCode, 201);
    const product = res.json<ProductJson>();
    assert.match(product.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7');
    assert.equal(product.sku, body.sku);
    assert.deepEqual(product.category, { slug: 'outdoor', name: 'Outdoor' });
    assert.deepEqual(product.price, body.price);
    assert.equal(product.image_url, `/api/products/v1/images/${body.sku.toLowerCase()}.svg`);
    assert.equal(product.active, true);
    assert.deepEqual(await read(product.id), product);
    assert.ok(skus((await listed({ category: 'outdoor' })).items).includes(body.sku));
    assert.deepEqual(skus((await listed({ q: 'spork' })).items), [body.sku]);
  });

  test('a given image URL is kept', async () => {
    const product = await created({ image_url: 'https://cdn.example.com/mug.png' });
    assert.equal(product.image_url, 'https://cdn.example.com/mug.png');
  });

  test('without a token writes are 401, and with a customer token 403', async () => {
    const [product] = (await listed({})).items;
    assert.ok(product);
    const attempts = (headers: Headers) => [
      create(productBody(), headers),
      patch(product.id, { name: 'Renamed' }, headers),
      remove(product.id, headers),
    ];
    for (const res of await Promise.all(attempts({}))) assertProblem(res, 401, res.body);
    for (const res of await Promise.all(attempts(catalog.customer))) assertProblem(res, 403, res.body);
    for (const res of await Promise.all(attempts({ authorization: 'Bearer not.a.jwt' }))) assertProblem(res, 401);
    assert.equal((await read(product.id)).name, product.name, 'nothing changed');
  });

  test('a duplicate SKU is a 409 conflict', async () => {
    assertProblem(await create(productBody({ sku: 'KIT-002' })), 409);
  });

  test('two creates of one SKU at once: one is created, the other is a 409', async () => {
    const body = productBody();
    const results = await Promise.all([create(body), create(body)]);
    assert.deepEqual(results.map((r) => r.statusCode).toSorted(), [201, 409]);
  });

  test('an unknown category is a 400 naming the category field', async () => {
    assert.deepEqual(errorPaths(await create(productBody({ category: 'garden' }))), ['body/category']);
  });

  test('a bad price is a 400: negative, fractional, too large, or with a malformed currency', async () => {
    const prices = [
      [{ amount: -1, currency: 'USD' }, 'body/price/amount'],
      [{ amount: 12.5, currency: 'USD' }, 'body/price/amount'],
      [{ amount: 2 ** 60, currency: 'USD' }, 'body/price/amount'],
      [{ amount: 1299, currency: 'usd' }, 'body/price/currency'],
      [{ amount: 1299, currency: 'DOLLARS' }, 'body/price/currency'],
      [{ amount: 1299 }, 'body/price/currency'],
    ] as const;
    for (const [price, path] of prices) {
      const res = await create({ ...productBody(), price });
      assert.ok(errorPaths(res, JSON.stringify(price)).includes(path), `${JSON.stringify(price)}: ${res.body}`);
    }
  });

  test('unknown or missing fields, a lower-case SKU and unsafe image URLs are a 400', async () => {
    assert.ok(errorPaths(await create({ ...productBody(), colour: 'red' })).length > 0);
    const { name: _name, ...withoutName } = productBody();
    assert.deepEqual(errorPaths(await create(withoutName)), ['body/name']);
    assert.ok(errorPaths(await create(productBody({ sku: 'lower-case' }))).includes('body/sku'));
    for (const image_url of ['javascript:alert(1)', '//elsewhere.example/x.png', 'http://plain.example/x.png']) {
      assert.deepEqual(errorPaths(await create(productBody({ image_url })), image_url), ['body/image_url']);
    }
  });

  test('a patch changes only the given fields and moves updated_at', async () => {
    const before = await created();
    const res = await patch(before.id, { name: 'Enamel Camping Mug, Large', price: { amount: 1599, currency: 'USD' } });
    assert.equal(res.statusCode, 200, res.body);
    const after = res.json<ProductJson>();
    assert.deepEqual(after, {
      ...before,
      name: 'Enamel Camping Mug, Large',
      price: { amount: 1599, currency: 'USD' },
      updated_at: after.updated_at,
    });
    assert.ok(after.updated_at > before.updated_at, 'updated_at moved');
    assert.equal(after.created_at, before.created_at);
    assert.deepEqual(await read(before.id), after);
  });

  test('a patch can move a product to another category', async () => {
    const product = await created();
    const moved = (await patch(product.id, { category: 'kitchen' })).json<ProductJson>();
    assert.deepEqual(moved.category, { slug: 'kitchen', name: 'Kitchen' });
  });

  test('changing the SKU moves the generated image URL with it', async () => {
    const product = await created();
    const sku = `${product.sku}-B`;
    const changed = (await patch(product.id, { sku })).json<ProductJson>();
    assert.equal(changed.image_url, `/api/products/v1/images/${sku.toLowerCase()}.svg`);
  });

  test('a patch is refused for an unknown category, a taken SKU, an unknown product or no fields', async () => {
    const product = await created();
    assert.deepEqual(errorPaths(await patch(product.id, { category: 'garden' })), ['body/category']);
    assertProblem(await patch(product.id, { sku: 'KIT-001' }), 409);
    assertProblem(await patch('0190c0de-0000-7000-8000-000000000000', { name: 'X' }), 404);
    assertProblem(await patch(product.id, {}), 400);
    assertProblem(await patch(product.id, { price: { amount: -5, currency: 'USD' } }), 400);
    assert.deepEqual(await read(product.id), product, 'a refused patch changes nothing');
  });

  test('a deleted product is no longer listed or counted, but still readable as inactive', async () => {
    const product = await created({ name: 'Disposable Spork' });
    const res = await remove(product.id);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    const gone = await read(product.id);
    assert.equal(gone.active, false);
    assert.ok(!skus((await listed({ category: 'outdoor' })).items).includes(product.sku));
    assert.deepEqual((await listed({ q: 'disposable' })).items, []);
    assert.equal((await remove(product.id)).statusCode, 204, 'deleting again is fine');
    assert.equal((await read(product.id)).updated_at, gone.updated_at, 'and changes nothing');
  });

  test('only admins may list deleted products, and a patch can restore one', async () => {
    const product = await created({ name: 'Vintage Spork' });
    await remove(product.id);
    const adminView = await listed({ include_inactive: 'true', q: 'vintage spork' }, catalog.admin);
    assert.deepEqual(skus(adminView.items), [product.sku]);
    const res = await catalog.app.inject({ url: '/v1/products', query: { include_inactive: 'true' } });
    assertProblem(res, 403);
    assertProblem(
      await catalog.app.inject({ url: '/v1/products', query: { include_inactive: 'true' }, headers: catalog.customer }),
      403,
    );
    assert.equal((await patch(product.id, { active: true })).json<ProductJson>().active, true);
    assert.deepEqual(skus((await listed({ q: 'vintage spork' })).items), [product.sku]);
  });

  test('deleting an unknown product is a 404', async () => {
    assertProblem(await remove('0190c0de-0000-7000-8000-000000000000'), 404);
  });
});
