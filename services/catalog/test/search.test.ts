// Searching the catalog: full-text ranking (name hits first), typo tolerance, filters and paging.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProductPage } from '../src/api/product-schemas.js';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';
import { skus, walkPages } from './support/products.js';

describe('searching the catalog', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_search');
  });
  after(() => catalog.close());

  const search = async (query: Record<string, string>) => {
    const res = await catalog.app.inject({ url: '/v1/products', query: { limit: '100', ...query } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ProductPage>();
  };

  test('q=espresso puts the espresso maker first, then products that mention espresso', async () => {
    const { items } = await search({ q: 'espresso' });
    assert.equal(items[0]?.sku, 'KIT-002');
    assert.ok(items.length >= 4, `${items.length} results`);
    assert.ok(items.every((p) => /espresso/i.test(`${p.name} ${p.description}`)));
  });

  test('products whose name matches rank above products whose description matches', async () => {
    const { items } = await search({ q: 'coffee' });
    const inName = items.map((p) => /coffee/i.test(p.name));
    assert.deepEqual(skus(items.filter((_, i) => inName[i])).toSorted(), ['ELE-002', 'KIT-003']);
    assert.deepEqual(inName.slice(0, 2), [true, true], 'name hits first');
    assert.ok(
      inName.slice(2).every((hit) => !hit),
      'then description hits only',
    );
    assert.ok(items.length > 5, 'description hits are listed too');
  });

  test('words are stemmed: "grinders" finds the coffee grinder first', async () => {
    const { items } = await search({ q: 'grinders' });
    assert.equal(items[0]?.sku, 'KIT-003');
  });

  test('web search syntax works: a quoted phrase and an excluded word', async () => {
    assert.deepEqual(skus((await search({ q: '"cast iron"' })).items).toSorted(), ['BOO-002', 'KIT-001', 'KIT-005']);
    // BOO-002 mentions "skillets", which stems to the excluded word.
    assert.deepEqual(skus((await search({ q: '"cast iron" -skillet' })).items), ['KIT-005']);
  });

  test('a misspelled query finds products by similar names', async () => {
    assert.equal((await search({ q: 'skilet' })).items[0]?.name, 'Cast Iron Skillet 10-inch');
    assert.equal((await search({ q: 'lanturn' })).items[0]?.sku, 'OUT-002');
    assert.equal((await search({ q: 'hedphones' })).items[0]?.sku, 'ELE-001');
  });

  test('a query nothing resembles finds nothing', async () => {
    assert.deepEqual(await search({ q: 'xylophqz' }), { items: [], next_cursor: null });
  });

  test('search combines with the category filter', async () => {
    const { items } = await search({ q: 'coffee', category: 'books' });
    assert.deepEqual(skus(items).toSorted(), ['BOO-001', 'BOO-009']);
  });

  test('a blank q browses instead of searching', async () => {
    const { items } = await search({ q: '   ', limit: '100' });
    assert.equal(items.length, 63);
  });

  test('search results page without repeats or gaps, in rank order', async () => {
    const whole = await search({ q: 'coffee' });
    const pages = await walkPages(catalog.app, { q: 'coffee', limit: '3' });
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    assert.deepEqual(skus(pages.flatMap((p) => p.items)), skus(whole.items));
    assert.equal(pages.at(-1)?.next_cursor, null);
  });

  test('typo-tolerant results page too, staying typo-tolerant after the first page', async () => {
    const whole = await search({ q: 'merino wol' });
    assert.ok(whole.items.length >= 3, `${whole.items.length} results`);
    const pages = await walkPages(catalog.app, { q: 'merino wol', limit: '1' });
    assert.equal(pages.length, whole.items.length);
    assert.deepEqual(skus(pages.flatMap((p) => p.items)), skus(whole.items));
  });

  test('ties in rank are paged by id, so equal ranks are neither skipped nor repeated', async () => {
    // Every description-only "espresso" hit has the same rank; pages of one must still list each once.
    const whole = await search({ q: 'espresso' });
    const pages = await walkPages(catalog.app, { q: 'espresso', limit: '1' });
    assert.deepEqual(skus(pages.flatMap((p) => p.items)), skus(whole.items));
  });
});
