// A service's OpenAPI document as a list of operations, for tests that check the routes it declares,
// their summaries and which of them need a token.
import assert from 'node:assert/strict';
import type { ServiceApp } from '@emporium/service-kit';

export interface OpenApiOperation {
  tags?: string[];
  summary?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
}

/** Fetches /openapi.json (asserting it is OpenAPI 3.1) and lists its operations as "METHOD /path". */
export async function openApiOperations(app: ServiceApp): Promise<Array<{ route: string; op: OpenApiOperation }>> {
  const res = await app.inject({ url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json<{ openapi: string; paths: Record<string, Record<string, OpenApiOperation>> }>();
  assert.equal(doc.openapi, '3.1.0');
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );
}
