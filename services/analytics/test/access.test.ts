// Who may read analytics: admins only, on every route, as the OpenAPI document also says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from '@emporium/service-testing';
import { startTestAnalytics, type TestAnalytics } from './support/analytics.js';

const ROUTES = ['/v1/reports/sales', '/v1/reports/top-products', '/v1/reports/funnel', '/v1/events'];

describe('access to analytics', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_access');
  });
  after(() => analytics.close());

  const get = (url: string, headers: Record<string, string>) => analytics.app.inject({ url, headers });

  test('without a token every route is 401, with a bad token too', async () => {
    for (const url of ROUTES) {
      assertProblem(await get(url, {}), 401, url);
      assertProblem(await get(url, { authorization: 'Bearer not.a.jwt' }), 401, url);
    }
  });

  test('a customer gets 403 on every route', async () => {
    for (const url of ROUTES) assertProblem(await get(url, analytics.customer), 403, url);
  });

  test('an admin gets 200 on every route', async () => {
    for (const url of ROUTES) assert.equal((await get(url, analytics.admin)).statusCode, 200, url);
  });

  test('the OpenAPI document lists exactly these routes, each tagged and needing a token', async () => {
    const doc = (await analytics.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown[] }>>;
    }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    assert.deepEqual(operations.map((o) => o.route).toSorted(), ROUTES.map((r) => `GET ${r}`).toSorted());
    for (const { route, op } of operations) {
      assert.ok(op.tags?.length && op.summary, `${route} has tags and a summary`);
      assert.ok(op.security?.length, `${route} needs a token`);
    }
  });
});
