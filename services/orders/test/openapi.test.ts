// The orders service's OpenAPI document, served by the kit from the routes' schemas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApiOperations } from '@emporium/service-testing';
import { startTestOrders, type TestOrders } from './support/orders.js';

describe('orders: the OpenAPI document', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders('orders_openapi');
  });
  after(() => orders.close());

  it('describes every route with a summary, each needing a token, and the Idempotency-Key on placing', async () => {
    const operations = await openApiOperations(orders.app);
    assert.deepEqual(operations.map((o) => o.route).toSorted(), [
      'GET /v1/orders',
      'GET /v1/orders/{id}',
      'GET /v1/orders/{id}/events',
      'GET /v1/orders/{id}/saga',
      'POST /v1/orders',
      'POST /v1/orders/{id}/cancel',
      'POST /v1/orders/{id}/ship',
    ]);
    for (const { route, op } of operations) assert.ok(op.summary && op.security, `${route} has a summary and security`);
    const doc = (await orders.app.inject({ url: '/openapi.json' })).json();
    const parameters = doc.paths['/v1/orders'].post.parameters as Array<{ name: string; in: string }>;
    assert.ok(parameters.some((p) => p.name === 'idempotency-key' && p.in === 'header'));
  });
});
