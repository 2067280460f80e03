// The catalog's OpenAPI document, served by the kit from the routes' schemas.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApiOperations } from '@emporium/service-testing';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';

describe('the OpenAPI document', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_openapi');
  });
  after(() => catalog.close());

  test('describes every catalog route with tags and a summary; only admin routes need a token', async () => {
    const operations = await openApiOperations(catalog.app);
    assert.deepEqual(operations.map((o) => o.route).toSorted(), [
      'DELETE /v1/products/{id}',
      'GET /v1/categories',
      'GET /v1/images/{file}',
      'GET /v1/products',
      'GET /v1/products/{id}',
      'PATCH /v1/products/{id}',
      'POST /v1/products',
    ]);
    for (const { route, op } of operations) {
      assert.ok(op.tags?.length && op.summary, `${route} has tags and a summary`);
      const needsToken = /^(POST|PATCH|DELETE)/.test(route);
      assert.equal(Boolean(op.security), needsToken, `${route} security`);
    }
  });
});
