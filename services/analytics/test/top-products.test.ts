// The top-products report: units sold in orders confirmed in the range, named from the catalog's events.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { errorPaths } from '@emporium/service-testing';
import { startTestAnalytics, type TestAnalytics } from './support/analytics.js';
import {
  line,
  orderStory,
  productAnnounced,
  productDiscontinued,
  productRenamed,
  shuffled,
  usd,
} from './support/events.js';
import { topProductsReport } from './support/reports.js';

describe('the top-products report', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_top_products');
  });
  after(() => analytics.close());

  /** A day where a mug outsells a kettle, a lamp ties the kettle on units with less revenue, and some sales do not count. */
  const aDayOfSales = (day: string) => {
    const [mug, kettle, lamp, unsold] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const big = orderStory([line(mug, 3, 1200), line(kettle, 2, 4500)]);
    const small = orderStory([line(mug, 2, 1200), line(lamp, 2, 3000)]);
    const regretted = orderStory([line(mug, 1, 1200)]); // confirmed then cancelled: still a sale of its day
    const rejected = orderStory([line(unsold, 9, 100)]);
    const pending = orderStory([line(unsold, 9, 100)]);
    const events = [
      productAnnounced(mug, 'Enamel Mug', 'MUG-1', `${day}T01:00:00Z`),
      productAnnounced(kettle, 'Kettle', 'KET-1', `${day}T01:00:00Z`),
      productRenamed(kettle, 'Copper Kettle', 'KET-1', `${day}T02:00:00Z`),
      big.created(`${day}T10:00:00Z`),
      big.confirmed(`${day}T10:00:01Z`),
      small.created(`${day}T11:00:00Z`),
      small.confirmed(`${day}T11:00:01Z`),
      regretted.created(`${day}T12:00:00Z`),
      regretted.confirmed(`${day}T12:00:01Z`),
      regretted.cancelled(`${day}T13:00:00Z`),
      regretted.refunded(`${day}T13:00:01Z`),
      rejected.created(`${day}T14:00:00Z`),
      rejected.rejected(`${day}T14:00:01Z`, 'out_of_stock'),
      pending.created(`${day}T15:00:00Z`),
    ];
    const expected = [
      { product_id: mug, sku: 'MUG-1', name: 'Enamel Mug', units: 6, revenue: usd(6 * 1200) },
      { product_id: kettle, sku: 'KET-1', name: 'Copper Kettle', units: 2, revenue: usd(9000) },
      { product_id: lamp, sku: null, name: null, units: 2, revenue: usd(6000) },
    ];
    return { events, expected };
  };
  const dayRange = (day: string) => ({ from: `${day}T00:00:00Z`, to: `${day}T23:59:59Z` });

  test('ranks products by units sold in confirmed orders, then by revenue, named by the newest catalog state', async () => {
    const { events, expected } = aDayOfSales('2031-01-10');
    await analytics.deliver(events);
    assert.deepEqual(await topProductsReport(analytics, dayRange('2031-01-10')), expected);
  });

  test('gives the same ranking and names whatever order the events arrive in', async () => {
    const reversed = aDayOfSales('2031-01-11');
    await analytics.deliver(reversed.events.toReversed());
    assert.deepEqual(await topProductsReport(analytics, dayRange('2031-01-11')), reversed.expected);
    const mixed = aDayOfSales('2031-01-12');
    await analytics.deliver(shuffled(mixed.events, 42));
    assert.deepEqual(await topProductsReport(analytics, dayRange('2031-01-12')), mixed.expected);
  });

  test('counts an order in the range of its confirmation, not of its creation', async () => {
    const product = randomUUID();
    const lateNight = orderStory([line(product, 5, 100)]);
    await analytics.deliver([lateNight.created('2031-02-01T23:59:00Z'), lateNight.confirmed('2031-02-02T00:00:30Z')]);
    assert.deepEqual(await topProductsReport(analytics, dayRange('2031-02-01')), []);
    const [top] = await topProductsReport(analytics, dayRange('2031-02-02'));
    assert.equal(top?.product_id, product);
    assert.equal(top?.units, 5);
  });

  test('a product known only from its discontinuation is listed with its SKU and no name', async () => {
    const product = randomUUID();
    const story = orderStory([line(product, 1, 100)]);
    await analytics.deliver([
      story.created('2031-02-03T10:00:00Z'),
      story.confirmed('2031-02-03T10:00:01Z'),
      productDiscontinued(product, 'OLD-1', '2031-02-03T11:00:00Z'),
    ]);
    const [top] = await topProductsReport(analytics, dayRange('2031-02-03'));
    assert.deepEqual(top && { sku: top.sku, name: top.name }, { sku: 'OLD-1', name: null });
  });

  test('lists 10 products by default, as many as limit asks, and at most 100', async () => {
    const products = Array.from({ length: 12 }, () => randomUUID());
    const story = orderStory(products.map((p, i) => line(p, i + 1, 100)));
    await analytics.deliver([story.created('2031-03-01T10:00:00Z'), story.confirmed('2031-03-01T10:00:01Z')]);
    const byDefault = await topProductsReport(analytics, dayRange('2031-03-01'));
    assert.deepEqual(
      byDefault.map((p) => p.units),
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3],
    );
    const two = await topProductsReport(analytics, { ...dayRange('2031-03-01'), limit: '2' });
    assert.deepEqual(
      two.map((p) => p.product_id),
      [products[11], products[10]],
    );
    assert.equal((await topProductsReport(analytics, { ...dayRange('2031-03-01'), limit: '100' })).length, 12);
  });

  test('refuses a bad limit and a bad range, naming the field', async () => {
    const refused = async (query: Record<string, string>) =>
      errorPaths(await analytics.app.inject({ url: '/v1/reports/top-products', query, headers: analytics.admin }));
    for (const limit of ['0', '101', 'ten', '2.5']) assert.deepEqual(await refused({ limit }), ['querystring/limit']);
    assert.deepEqual(await refused({ from: '2031-01-02T00:00:00Z', to: '2031-01-01T00:00:00Z' }), ['querystring/from']);
    assert.deepEqual(await refused({ to: 'tomorrow' }), ['querystring/to']);
  });
});
