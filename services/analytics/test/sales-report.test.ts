// The sales report: orders confirmed, revenue and refunds per UTC hour or day, empty buckets as zeros,
// the same whatever order the events arrive in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorPaths } from '@emporium/service-testing';
import { startTestAnalytics, type TestAnalytics } from './support/analytics.js';
import { line, orderStory, shuffled } from './support/events.js';
import { salesBucket, salesReport } from './support/reports.js';

describe('the sales report', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_sales');
  });
  after(() => analytics.close());

  /** A day's trade: confirmed orders, a rejection, and a confirmed order cancelled and refunded the next day. */
  const aDayOfTrade = (day: string, nextDay: string) => {
    const paid = orderStory([line('0190e5a0-0000-7000-8000-000000000001', 2, 1250)]);
    const lastMinute = orderStory([line('0190e5a0-0000-7000-8000-000000000002', 1, 1000)]);
    const rejected = orderStory();
    const regretted = orderStory([line('0190e5a0-0000-7000-8000-000000000003', 4, 500)]);
    return [
      paid.created(`${day}T09:58:00.000Z`),
      paid.confirmed(`${day}T10:00:00.000Z`),
      paid.shipped(`${nextDay}T08:00:00.000Z`),
      lastMinute.created(`${day}T23:59:00.000Z`),
      lastMinute.confirmed(`${day}T23:59:59.999Z`),
      rejected.created(`${day}T12:00:00.000Z`),
      rejected.rejected(`${day}T12:00:05.000Z`, 'payment declined'),
      regretted.created(`${day}T15:00:00.000Z`),
      regretted.confirmed(`${day}T15:00:02.000Z`),
      regretted.cancelled(`${nextDay}T00:00:00.000Z`),
      regretted.refunded(`${nextDay}T00:00:01.000Z`),
    ];
  };

  test('counts each confirmed order, its total and each refund in the day they happened, empty days as zeros', async () => {
    await analytics.deliver(aDayOfTrade('2031-01-10', '2031-01-11'));
    const report = await salesReport(analytics, {
      from: '2031-01-09T00:00:00Z',
      to: '2031-01-13T00:00:00Z',
      granularity: 'day',
    });
    assert.deepEqual(report, [
      salesBucket('2031-01-09T00:00:00.000Z', 0, 0, 0),
      salesBucket('2031-01-10T00:00:00.000Z', 3, 2500 + 1000 + 2000, 0),
      salesBucket('2031-01-11T00:00:00.000Z', 0, 0, 2000),
      salesBucket('2031-01-12T00:00:00.000Z', 0, 0, 0),
    ]);
  });

  test('gives the same figures whatever order the events arrive in', async () => {
    const days = ['2031-02-10', '2031-02-20', '2031-03-10'] as const;
    await analytics.deliver(aDayOfTrade('2031-02-10', '2031-02-11'));
    await analytics.deliver(aDayOfTrade('2031-02-20', '2031-02-21').reverse());
    await analytics.deliver(shuffled(aDayOfTrade('2031-03-10', '2031-03-11'), 7));
    const figures = async (day: string) => {
      const from = `${day}T00:00:00Z`;
      const to = new Date(Date.parse(from) + 2 * 86_400_000).toISOString();
      return (await salesReport(analytics, { from, to })).map(({ bucket: _, ...rest }) => rest);
    };
    const [inOrder, reversed, shuffledOrder] = await Promise.all(days.map(figures));
    assert.deepEqual(reversed, inOrder);
    assert.deepEqual(shuffledOrder, inOrder);
    assert.equal(inOrder?.[0]?.orders, 3);
  });

  test('events of one order handled concurrently still count once each', async () => {
    const stories = Array.from({ length: 8 }, () => orderStory([line('0190e5a0-0000-7000-8000-000000000004', 1, 700)]));
    await analytics.deliverConcurrently(
      stories.flatMap((s) => [s.created('2031-04-01T10:00:00Z'), s.confirmed('2031-04-01T10:30:00Z')]),
    );
    const report = await salesReport(analytics, {
      from: '2031-04-01T10:00:00Z',
      to: '2031-04-01T11:00:00Z',
      granularity: 'hour',
    });
    assert.deepEqual(report, [salesBucket('2031-04-01T10:00:00.000Z', 8, 8 * 700, 0)]);
  });

  test('a redelivered event is counted once', async () => {
    const story = orderStory([line('0190e5a0-0000-7000-8000-000000000005', 1, 900)]);
    const confirmed = story.confirmed('2031-04-02T10:00:00Z');
    const refunded = story.refunded('2031-04-02T11:00:00Z', 300);
    await analytics.deliver([confirmed, refunded, confirmed, refunded]);
    const report = await salesReport(analytics, {
      from: '2031-04-02T10:00:00Z',
      to: '2031-04-02T12:00:00Z',
      granularity: 'hour',
    });
    assert.deepEqual(report, [
      salesBucket('2031-04-02T10:00:00.000Z', 1, 900, 0),
      salesBucket('2031-04-02T11:00:00.000Z', 0, 0, 300),
    ]);
  });

  test('hourly buckets split at the hour, and only what falls inside [from, to) counts', async () => {
    const stories = [orderStory(), orderStory(), orderStory(), orderStory(), orderStory()];
    const [early, beforeHour, onHour, lastInstant, atTo] = stories;
    assert.ok(early && beforeHour && onHour && lastInstant && atTo);
    await analytics.deliver([
      early.confirmed('2031-05-01T10:15:00.000Z'), // before from
      beforeHour.confirmed('2031-05-01T10:59:59.999Z'),
      onHour.confirmed('2031-05-01T11:00:00.000Z'),
      lastInstant.confirmed('2031-05-01T13:29:59.999Z'),
      atTo.confirmed('2031-05-01T13:30:00.000Z'), // at to: excluded
    ]);
    const report = await salesReport(analytics, {
      from: '2031-05-01T10:30:00Z',
      to: '2031-05-01T13:30:00Z',
      granularity: 'hour',
    });
    assert.deepEqual(report, [
      salesBucket('2031-05-01T10:00:00.000Z', 1, 1000, 0),
      salesBucket('2031-05-01T11:00:00.000Z', 1, 1000, 0),
      salesBucket('2031-05-01T12:00:00.000Z', 0, 0, 0),
      salesBucket('2031-05-01T13:00:00.000Z', 1, 1000, 0),
    ]);
  });

  test('daily buckets are UTC days, whatever offset from and to are written in', async () => {
    await analytics.deliver([
      orderStory().confirmed('2031-06-01T23:30:00Z'),
      orderStory().confirmed('2031-06-02T00:30:00Z'),
    ]);
    const report = await salesReport(analytics, { from: '2031-06-01T02:00:00+02:00', to: '2031-06-03T02:00:00+02:00' });
    assert.deepEqual(report, [
      salesBucket('2031-06-01T00:00:00.000Z', 1, 1000, 0),
      salesBucket('2031-06-02T00:00:00.000Z', 1, 1000, 0),
    ]);
  });

  test('defaults to the last 30 days by day, or the last 48 hours by hour, up to now', async () => {
    const now = Date.now();
    const byDay = await salesReport(analytics, {});
    assert.equal(byDay.length, 31);
    assert.equal(byDay.at(-1)?.bucket, new Date(now - (now % 86_400_000)).toISOString());
    const byHour = await salesReport(analytics, { granularity: 'hour' });
    assert.equal(byHour.length, 49);
    assert.equal(byHour.at(-1)?.bucket, new Date(now - (now % 3_600_000)).toISOString());
    const toOnly = await salesReport(analytics, { to: '2031-07-10T00:00:00Z' });
    assert.equal(toOnly[0]?.bucket, '2031-06-10T00:00:00.000Z');
    assert.equal(toOnly.length, 30);
  });

  test('allows a year of days and a month of hours, and refuses longer ranges naming from', async () => {
    const days = await salesReport(analytics, { from: '2031-01-01T00:00:00Z', to: '2032-01-02T00:00:00Z' });
    assert.equal(days.length, 366);
    const hours = await salesReport(analytics, {
      from: '2031-01-01T00:00:00Z',
      to: '2031-02-01T00:00:00Z',
      granularity: 'hour',
    });
    assert.equal(hours.length, 744);
    const tooLong = (query: Record<string, string>) =>
      analytics.app.inject({ url: '/v1/reports/sales', query, headers: analytics.admin });
    assert.deepEqual(errorPaths(await tooLong({ from: '2031-01-01T00:00:00Z', to: '2032-01-02T00:00:01Z' })), [
      'querystring/from',
    ]);
    assert.deepEqual(
      errorPaths(await tooLong({ from: '2031-01-01T00:00:00Z', to: '2031-02-01T00:00:01Z', granularity: 'hour' })),
      ['querystring/from'],
    );
  });

  test('refuses an empty or reversed range, a malformed time and an unknown granularity', async () => {
    const refused = async (query: Record<string, string>) =>
      errorPaths(await analytics.app.inject({ url: '/v1/reports/sales', query, headers: analytics.admin }));
    assert.deepEqual(await refused({ from: '2031-01-02T00:00:00Z', to: '2031-01-01T00:00:00Z' }), ['querystring/from']);
    assert.deepEqual(await refused({ from: '2031-01-01T00:00:00Z', to: '2031-01-01T00:00:00Z' }), ['querystring/from']);
    assert.deepEqual(await refused({ from: '2999-01-01T00:00:00Z' }), ['querystring/from']);
    assert.deepEqual(await refused({ from: 'yesterday' }), ['querystring/from']);
    assert.deepEqual(await refused({ to: '2031-01-01' }), ['querystring/to']);
    assert.deepEqual(await refused({ granularity: 'week' }), ['querystring/granularity']);
  });
});
