// The event log: every domain event received is stored once, as received, and listed newest first.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { OrderConfirmed, OrderCreated, StockLow, UserRegistered } from '@emporium/contracts';
import { errorPaths } from '@emporium/service-testing';
import type { EventLogPage } from '../src/api/event-log-schemas.js';
import { startTestAnalytics, type TestAnalytics } from './support/analytics.js';
import { eventAt, orderStory } from './support/events.js';

describe('the event log', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_event_log');
  });
  after(() => analytics.close());

  const list = (query: Record<string, string>, headers = analytics.admin) =>
    analytics.app.inject({ url: '/v1/events', query, headers });
  const page = async (query: Record<string, string>) => {
    const res = await list(query);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<EventLogPage>();
  };

  test('stores each event as received, including those no report reads', async () => {
    const userId = randomUUID();
    const registered = eventAt(
      UserRegistered,
      { user_id: userId, email: 'ada@example.com', name: 'Ada', registered_at: '2031-01-01T10:00:00Z' },
      '2031-01-01T10:00:00.123Z',
      userId,
    );
    await analytics.deliver([registered]);
    const { items } = await page({ subject: userId });
    assert.equal(items.length, 1);
    const [stored] = items;
    assert.deepEqual(stored && { ...stored, received_at: undefined }, {
      id: registered.id,
      type: UserRegistered.type,
      source: '/emporium/users',
      subject: userId,
      time: '2031-01-01T10:00:00.123Z',
      data: registered.data,
      received_at: undefined,
    });
    assert.ok(Date.parse(stored?.received_at ?? '') > Date.now() - 60_000, 'received just now');
  });

  test('a redelivered event is stored once', async () => {
    const productId = randomUUID();
    const low = eventAt(
      StockLow,
      { product_id: productId, available: 2, threshold: 5 },
      '2031-01-02T00:00:00Z',
      productId,
    );
    await analytics.deliver([low, low]);
    await analytics.deliverConcurrently([low, low]);
    assert.equal((await page({ subject: productId })).items.length, 1);
  });

  test('lists newest first, filtered by type and subject', async () => {
    const story = orderStory();
    await analytics.deliver([story.confirmed('2031-01-03T10:00:05Z'), story.created('2031-01-03T10:00:00Z')]);
    const all = await page({ subject: story.orderId });
    assert.deepEqual(
      all.items.map((e) => e.type),
      [OrderConfirmed.type, OrderCreated.type],
    );
    const created = await page({ subject: story.orderId, type: OrderCreated.type });
    assert.deepEqual(
      created.items.map((e) => e.type),
      [OrderCreated.type],
    );
    const anyOrderCreated = await page({ type: OrderCreated.type, limit: '100' });
    assert.ok(anyOrderCreated.items.every((e) => e.type === OrderCreated.type));
    assert.ok(anyOrderCreated.items.some((e) => e.subject === story.orderId));
  });

  test('pages through every event once, in order, events of the same microsecond included', async () => {
    const productId = randomUUID();
    const sameInstant = '2031-01-04T00:00:00.000001Z';
    const events = Array.from({ length: 5 }, (_, i) =>
      eventAt(
        StockLow,
        { product_id: productId, available: i, threshold: 5 },
        i < 3 ? sameInstant : `2031-01-04T0${i}:00:00Z`,
        productId,
      ),
    );
    await analytics.deliver(events);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: EventLogPage = await page({ subject: productId, limit: '2', ...(cursor ? { cursor } : {}) });
      assert.ok(next.items.length <= 2);
      seen.push(...next.items.map((e) => e.id));
      cursor = next.next_cursor;
    } while (cursor);
    // Newest first; the three of one instant (stamped to the microsecond) by id, newest id first.
    assert.deepEqual(seen, events.map((e) => e.id).toReversed());
  });

  test('refuses a cursor it did not issue, a malformed type and a bad limit', async () => {
    assert.deepEqual(errorPaths(await list({ cursor: 'not-a-cursor' })), ['querystring/cursor']);
    const forged = Buffer.from(JSON.stringify({ time: 'noon', id: 'x' })).toString('base64url');
    assert.deepEqual(errorPaths(await list({ cursor: forged })), ['querystring/cursor']);
    assert.deepEqual(errorPaths(await list({ type: 'OrderCreated; DROP TABLE' })), ['querystring/type']);
    assert.deepEqual(errorPaths(await list({ limit: '101' })), ['querystring/limit']);
  });
});
