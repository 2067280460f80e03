// The committed OpenAPI document (the console's typed client is generated from it) is the one the
// routes produce: a route or schema change without `npm run openapi -w infra/collector` fails here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { collectorOpenApi, OPENAPI_PATH, packageVersion } from '../src/openapi-document.js';

describe('collector: the committed OpenAPI document', () => {
  it('matches the routes', async () => {
    const generated = await collectorOpenApi(await packageVersion());
    const committed = await readFile(OPENAPI_PATH, 'utf8');
    assert.equal(
      committed,
      generated,
      'infra/collector/openapi.json is stale: run `npm run openapi -w infra/collector`',
    );
  });

  it('documents the query API as admin-only and hides the ingest routes', async () => {
    const doc = JSON.parse(await collectorOpenApi('0.0.0')) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const paths = Object.keys(doc.paths).sort();
    assert.ok(paths.includes('/v1/traces/{trace_id}') || paths.some((p) => p.startsWith('/v1/traces/')));
    assert.ok(!paths.includes('/v1/ingest/logs'), 'ingest is internal');
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        assert.ok(op.security && op.security.length > 0, `${method.toUpperCase()} ${path} needs a token`);
      }
    }
  });
});
