// Product images: generated SVG artwork per SKU, cacheable for a year, with ETags.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from '@emporium/service-testing';
import type { ProductJson } from '../src/api/product-schemas.js';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';
import { productBody } from './support/products.js';

describe('product images', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_images');
  });
  after(() => catalog.close());

  const image = (file: string, headers: Record<string, string> = {}) =>
    catalog.app.inject({ url: `/v1/images/${file}`, headers });

  test('a seed image is an SVG titled with the product name, cacheable for a year, with an ETag', async () => {
    const res = await image('kit-002.svg');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(res.headers.etag), /^"[\w-]+"$/);
    assert.match(res.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
    assert.match(res.body, /<title id="title">Stovetop Espresso Maker<\/title>/);
    assert.match(res.body, />SE<\/text>/, 'shows the initials');
    assert.match(res.body, /<\/svg>\n$/);
  });

  test('every seed product image_url is served', async () => {
    const { rows } = await catalog.pool.query<{ image_url: string }>('SELECT image_url FROM products');
    for (const { image_url } of rows) {
      const file = image_url.replace('/api/products/v1/images/', '');
      assert.equal((await image(file)).statusCode, 200, image_url);
    }
  });

  test('the same product always gets the same bytes and ETag; other products get others', async () => {
    const [first, again, other] = await Promise.all([image('kit-002.svg'), image('kit-002.svg'), image('out-001.svg')]);
    assert.equal(again.body, first.body);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.notEqual(other.headers.etag, first.headers.etag);
  });

  test('products of one category share a colour, and other categories have another', async () => {
    const fill = (svg: string) => /<g fill="(#[0-9a-f]{6})">/.exec(svg)?.[1];
    const [kitA, kitB, toy] = await Promise.all(['kit-001.svg', 'kit-009.svg', 'toy-001.svg'].map((f) => image(f)));
    assert.ok(fill(kitA?.body ?? ''));
    assert.equal(fill(kitA?.body ?? ''), fill(kitB?.body ?? ''));
    assert.notEqual(fill(kitA?.body ?? ''), fill(toy?.body ?? ''));
  });

  test('a request with the current ETag gets 304 Not Modified without a body', async () => {
    const { headers } = await image('kit-002.svg');
    const res = await image('kit-002.svg', { 'if-none-match': `W/"other", ${String(headers.etag)}` });
    assert.equal(res.statusCode, 304);
    assert.equal(res.body, '');
    assert.equal(res.headers.etag, headers.etag);
    assert.equal((await image('kit-002.svg', { 'if-none-match': '"stale"' })).statusCode, 200);
  });

  test('an unknown image file is a 404 problem', async () => {
    for (const file of ['zzz-999.svg', 'kit-002.png', 'KIT-002.svg', '..%2Fsecrets.svg']) {
      assertProblem(await image(file), 404, file);
    }
  });

  test('a product name with markup is escaped in the SVG', async () => {
    const name = `Tom & Jerry's <script>alert("hi")</script> Mug`;
    const res = await catalog.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: catalog.admin,
      payload: productBody({ name }),
    });
    const product = res.json<ProductJson>();
    const svg = (await image(`${product.sku.toLowerCase()}.svg`)).body;
    assert.ok(!svg.includes('<script>'), svg);
    assert.match(svg, /<title id="title">Tom &amp; Jerry&apos;s &lt;script&gt;alert\(&quot;hi&quot;\)/);
  });

  test('renaming a product changes its image and ETag', async () => {
    const created = await catalog.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: catalog.admin,
      payload: productBody({ name: 'Plain Mug' }),
    });
    const product = created.json<ProductJson>();
    const file = `${product.sku.toLowerCase()}.svg`;
    const before = await image(file);
    await catalog.app.inject({
      method: 'PATCH',
      url: `/v1/products/${product.id}`,
      headers: catalog.admin,
      payload: { name: 'Fancy Mug' },
    });
    const after = await image(file);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.match(after.body, /<title id="title">Fancy Mug<\/title>/);
  });
});
