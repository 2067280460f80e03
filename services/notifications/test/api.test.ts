// The HTTP API: preferences and the notification list, for the caller only; refusals as problem+json.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OrderShipped, UserRegistered } from '@emporium/contracts';
import { assertProblem, errorPaths } from '@emporium/service-testing';
import { orderShipped, registration } from './support/events.js';
import { startTestNotifications, type TestNotifications } from './support/notifications-app.js';

describe('notifications: API', () => {
  let service: TestNotifications;
  before(async () => {
    service = await startTestNotifications('notifications_api');
  });
  after(() => service.close());

  const as = (userId: string) => service.tokens.headersFor('customer', userId);
  const getPreferences = async (userId: string) =>
    service.app.inject({ method: 'GET', url: '/v1/preferences', headers: await as(userId) });
  const putPreferences = async (userId: string, payload: unknown) =>
    service.app.inject({
      method: 'PUT',
      url: '/v1/preferences',
      headers: await as(userId),
      payload: payload as object,
    });
  const list = async (userId: string, query = '') =>
    service.app.inject({ method: 'GET', url: `/v1/notifications${query}`, headers: await as(userId) });

  it('answers the defaults (email on, SMS and push off) to a user who never chose', async () => {
    const res = await getPreferences(randomUUID());
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { email: true, sms: false, push: false });
  });

  it("replaces the caller's preferences, and only the caller's", async () => {
    const user = randomUUID();
    const other = randomUUID();
    const put = await putPreferences(user, { email: false, sms: true, push: true });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json(), { email: false, sms: true, push: true });
    assert.deepEqual((await getPreferences(user)).json(), { email: false, sms: true, push: true });
    assert.deepEqual((await getPreferences(other)).json(), { email: true, sms: false, push: false });
    assert.deepEqual((await putPreferences(user, { email: true, sms: false, push: false })).json(), {
      email: true,
      sms: false,
      push: false,
    });
  });

  it('refuses a preferences body that is not the full object of booleans with 400, changing nothing', async () => {
    const user = randomUUID();
    const bad: Array<[unknown, string]> = [
      [{ email: true, sms: false }, 'a missing channel'],
      [{ email: 'yes', sms: false, push: false }, 'a string for a boolean'],
      [{ email: true, sms: false, push: false, fax: true }, 'an unknown channel'],
      [[true, false, false], 'an array'],
    ];
    for (const [payload, what] of bad) {
      const problem = assertProblem(await putPreferences(user, payload), 400, what);
      assert.ok(problem.detail.length > 0, what);
    }
    assert.deepEqual((await getPreferences(user)).json(), { email: true, sms: false, push: false });
  });

  it('answers 401 without a valid token', async () => {
    for (const [method, url] of [
      ['GET', '/v1/preferences'],
      ['PUT', '/v1/preferences'],
      ['GET', '/v1/notifications'],
    ] as const) {
      assertProblem(await service.app.inject({ method, url }), 401, `${method} ${url}`);
      const forged = { authorization: 'Bearer not.a.token' };
      assertProblem(await service.app.inject({ method, url, headers: forged }), 401, `${method} ${url} forged`);
    }
  });

  it("lists only the caller's notifications, newest first", async () => {
    const mine = registration();
    const theirs = registration();
    await service.handle(UserRegistered, mine);
    await service.handle(UserRegistered, theirs);
    await service.handle(OrderShipped, orderShipped(mine.user_id));
    const res = await list(mine.user_id);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      body.items.map((n: { template: string }) => n.template),
      ['order_shipped', 'welcome'],
    );
    assert.equal(body.next_cursor, null);
    const [shipped] = body.items;
    assert.equal(shipped.channel, 'email');
    assert.match(shipped.subject, /has shipped/);
    assert.ok(['pending', 'sent'].includes(shipped.status));
    assert.ok(!Number.isNaN(Date.parse(shipped.created_at)));
    assert.deepEqual((await list(randomUUID())).json(), { items: [], next_cursor: null });
  });

  it('pages through notifications with limit and cursor', async () => {
    const user = registration();
    await service.handle(UserRegistered, user);
    for (let i = 0; i < 4; i++) await service.handle(OrderShipped, orderShipped(user.user_id));
    const first = (await list(user.user_id, '?limit=2')).json();
    assert.equal(first.items.length, 2);
    const second = (await list(user.user_id, `?limit=2&cursor=${first.next_cursor}`)).json();
    const third = (await list(user.user_id, `?limit=2&cursor=${second.next_cursor}`)).json();
    assert.equal(third.next_cursor, null);
    const ids = [...first.items, ...second.items, ...third.items].map((n: { id: string }) => n.id);
    assert.equal(new Set(ids).size, 5);
    assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
  });

  it('refuses a bad limit or a cursor it did not issue with 400', async () => {
    const user = randomUUID();
    assert.deepEqual(errorPaths(await list(user, '?limit=0')), ['querystring/limit']);
    assertProblem(await list(user, '?limit=101'), 400);
    assertProblem(await list(user, '?cursor=bm90LWEtY3Vyc29y'), 400);
  });

  it('describes every route with tags and a summary, each needing a token', async () => {
    const res = await service.app.inject({ url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json<{ paths: Record<string, Record<string, { summary?: string; security?: unknown[] }>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    assert.deepEqual(operations.map((o) => o.route).toSorted(), [
      'GET /v1/notifications',
      'GET /v1/preferences',
      'PUT /v1/preferences',
    ]);
    for (const { route, op } of operations) {
      assert.ok(op.summary, `${route} has a summary`);
      assert.ok(op.security, `${route} needs a token`);
    }
  });
});
