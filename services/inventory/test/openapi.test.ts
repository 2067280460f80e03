// Inventory's OpenAPI document, served by the kit from the routes' schemas.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiOperations } from '@emporium/service-testing';
import { startTestInventory, type TestInventory } from './support/inventory.js';

describe('the OpenAPI document', () => {
  let inventory: TestInventory;
  before(async () => {
    inventory = await startTestInventory('inventory_openapi');
  });
  after(() => inventory.close());

  test('describes every stock route with tags and a summary; only the admin writes need a token', async () => {
    const operations = await openApiOperations(inventory.app);
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
