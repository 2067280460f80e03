// The order funnel: what became of the orders created in the range, with the reasons of rejections.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorPaths } from '@emporium/service-testing';
import { startTestAnalytics, type TestAnalytics } from './support/analytics.js';
import { orderStory, shuffled } from './support/events.js';
import { funnelReport } from './support/reports.js';

describe('the order funnel', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_funnel');
  });
  after(() => analytics.close());

  /** Seven orders created on `day`: 2 shipped, 1 confirmed then cancelled, 1 pending, 3 rejected (2 reasons). */
  const aDayOfOrders = (day: string) => {
    const at = (time: string) => `${day}T${time}Z`;
    const next = new Date(Date.parse(at('00:00:00')) + 86_400_000).toISOString().slice(0, 10);
    const [shippedA, shippedB, cancelled, pending, noStock1, noStock2, declined] = Array.from({ length: 7 }, () =>
      orderStory(),
    );
    assert.ok(shippedA && shippedB && cancelled && pending && noStock1 && noStock2 && declined);
    return [
      shippedA.created(at('08:00:00')),
      shippedA.confirmed(at('08:00:01')),
      shippedA.shipped(`${next}T09:00:00Z`), // shipped the next day: still counted by creation
      shippedB.created(at('09:00:00')),
      shippedB.confirmed(at('09:00:01')),
      shippedB.shipped(at('15:00:00')),
      cancelled.created(at('10:00:00')),
      cancelled.confirmed(at('10:00:01')),
      cancelled.cancelled(at('11:00:00')),
      cancelled.refunded(at('11:00:01')),
      pending.created(at('23:59:59')),
      noStock1.created(at('12:00:00')),
      noStock1.rejected(at('12:00:01'), 'out_of_stock'),
      noStock2.created(at('13:00:00')),
      noStock2.rejected(at('13:00:01'), 'out_of_stock'),
      declined.created(at('14:00:00')),
      declined.rejected(at('14:00:01'), 'payment declined'),
    ];
  };
  const expected = {
    created: 7,
    confirmed: 3,
    shipped: 2,
    cancelled: 1,
    rejected: 3,
    rejection_reasons: [
      { reason: 'out_of_stock', orders: 2 },
      { reason: 'payment declined', orders: 1 },
    ],
  };
  const dayRange = (day: string) => ({ from: `${day}T00:00:00Z`, to: `${day}T23:59:59.999Z` });

  test('counts orders created in the range by what became of them, most frequent rejection reason first', async () => {
    await analytics.deliver(aDayOfOrders('2031-01-10'));
    assert.deepEqual(await funnelReport(analytics, dayRange('2031-01-10')), expected);
  });

  test('gives the same funnel whatever order the events arrive in', async () => {
    await analytics.deliver(aDayOfOrders('2031-01-20').toReversed());
    await analytics.deliver(shuffled(aDayOfOrders('2031-01-25'), 3));
    assert.deepEqual(await funnelReport(analytics, dayRange('2031-01-20')), expected);
    assert.deepEqual(await funnelReport(analytics, dayRange('2031-01-25')), expected);
  });

  test('counts an order by its creation time, and not before its OrderCreated has arrived', async () => {
    const lateConfirmed = orderStory();
    await analytics.deliver([lateConfirmed.confirmed('2031-02-01T10:00:00Z')]);
    assert.equal((await funnelReport(analytics, dayRange('2031-02-01'))).created, 0);
    await analytics.deliver([lateConfirmed.created('2031-01-31T23:59:00Z')]);
    assert.equal((await funnelReport(analytics, dayRange('2031-02-01'))).created, 0);
    const eve = await funnelReport(analytics, dayRange('2031-01-31'));
    assert.deepEqual([eve.created, eve.confirmed], [1, 1]);
  });

  test('an empty range has zeros and no reasons', async () => {
    assert.deepEqual(await funnelReport(analytics, dayRange('2031-03-01')), {
      created: 0,
      confirmed: 0,
      shipped: 0,
      cancelled: 0,
      rejected: 0,
      rejection_reasons: [],
    });
  });

  test('refuses a reversed range and a malformed time, naming the field', async () => {
    const refused = async (query: Record<string, string>) =>
      errorPaths(await analytics.app.inject({ url: '/v1/reports/funnel', query, headers: analytics.admin }));
    assert.deepEqual(await refused({ from: '2031-01-02T00:00:00Z', to: '2031-01-01T00:00:00Z' }), ['querystring/from']);
    assert.deepEqual(await refused({ from: '2031-13-01T00:00:00Z' }), ['querystring/from']);
  });
});
