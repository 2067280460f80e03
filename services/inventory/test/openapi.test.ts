// Inventory's OpenAPI document, served by the kit from the routes' schemas.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestInventory, type TestInventory } from './support/inventory.js';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
}

describe('the OpenAPI document', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_openapi');
  });
  after(() => inventory.close());

  test('describes every stock route with tags and a summary; only the admin writes need a token', async () => {
    const res = await inventory.app.inject({ url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, Operation>> }>();
    assert.equal(doc.openapi, '3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    assert.deepEqual(operations.map((o) => o.route).toSorted(), [
      'GET /v1/stock',
      'GET /v1/stock/{product_id}',
      'POST /v1/stock/{product_id}/adjustments',
      'PUT /v1/stock/{product_id}',
    ]);
    for (const { route, op } of operations) {
      assert.ok(op.tags?.length && op.summary, `${route} has tags and a summary`);
      assert.equal(Boolean(op.security), /^(PUT|POST)/.test(route), `${route} security`);
    }
  });
});
