// Bad input is a 4xx problem+json, never a 5xx: malformed OTLP, protobuf, bad query parameters,
// unknown traces, missing or weak tokens, and ingest reached through the gateway.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, newSpanId, otlpRequest, startCollector } from './support/harness.js';

describe('collector: refusals', () => {
  let h: Harness;
  before(async () => {
    h = await startCollector();
  });
  after(() => h.close());

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
    assert.equal(res.statusCode, status);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  };

  it('refuses malformed OTLP with 400 naming the bad field, and stores nothing of it', async () => {
    const bad = otlpRequest('orders', [
      { traceId: 'not-a-trace-id', spanId: newSpanId(), name: 'x', kind: 2, startMs: Date.now(), durationMs: 1 },
    ]);
    const res = await h.app.inject({ method: 'POST', url: '/v1/traces', payload: bad });
    expectProblem(res, 400);
    assert.equal(res.json().errors[0].path, 'body/resourceSpans/0/scopeSpans/0/spans/0/traceId');
    expectProblem(await h.app.inject({ method: 'POST', url: '/v1/traces', payload: { resourceSpans: 'nope' } }), 400);
    expectProblem(
      await h.app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: { 'content-type': 'application/json' },
        payload: '{"resourceSpans": [',
      }),
      400,
    );
    assert.deepEqual((await h.app.inject({ url: '/v1/traces', headers: h.admin })).json().items, []);
  });

  it('answers protobuf with 415', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/x-protobuf' },
      payload: Buffer.from([1, 2, 3]),
    });
    expectProblem(res, 415);
  });

  it('refuses ingest that came through the gateway', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'x-forwarded-prefix': '/api/telemetry' },
      payload: { resourceSpans: [] },
    });
    expectProblem(res, 404);
  });

  it('refuses log lines without a time or a service', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/ingest/logs',
      payload: { items: [{ msg: 'hi', service: 'orders' }] },
    });
    expectProblem(res, 400);
    assert.equal(res.json().errors[0].path, 'body/items/0/time');
    expectProblem(await h.app.inject({ method: 'POST', url: '/v1/ingest/logs', payload: { items: [] } }), 400);
  });

  it('refuses bad query parameters with 400', async () => {
    for (const url of [
      '/v1/services?window=5 minutes',
      '/v1/services?window=48h',
      '/v1/metrics/red?window=5m',
      '/v1/metrics/red?service=orders&window=24h&step=1s',
      '/v1/traces?limit=0',
      '/v1/traces?error=maybe',
      '/v1/traces/XYZ',
      '/v1/logs?level=loud',
      '/v1/logs?trace_id=123',
    ]) {
      expectProblem(await h.app.inject({ url, headers: h.admin }), 400);
    }
  });

  it('answers an unknown trace with 404', async () => {
    expectProblem(await h.app.inject({ url: `/v1/traces/${'a'.repeat(32)}`, headers: h.admin }), 404);
  });

  it('needs a token (401) with the admin role (403); documents the routes as protected', async () => {
    expectProblem(await h.app.inject({ url: '/v1/services' }), 401);
    expectProblem(await h.app.inject({ url: '/v1/services', headers: h.customer }), 403);
    expectProblem(await h.app.inject({ url: '/v1/dead-letters', headers: h.customer }), 403);
    const document = (await h.app.inject({ url: '/openapi.json' })).json();
    assert.deepEqual(document.paths['/v1/traces'].get.security, [{ bearerAuth: [] }]);
    assert.equal(document.paths['/v1/traces'].post, undefined, 'ingest is not part of the public API');
    assert.ok(document.paths['/v1/dead-letters/{id}/replay'].post);
  });

  it('answers dead-letter routes with 503 when it has no broker', async () => {
    expectProblem(await h.app.inject({ url: '/v1/dead-letters', headers: h.admin }), 503);
  });
});
