// Tracing through the kit, exported for real: a request carrying a traceparent gets a server span under
// it; a tracedFetch to another service is a client span whose traceparent the callee continues; SQL run
// inside the request is a child span (without its parameters), SQL outside any traced work makes none;
// and everything reaches the OTLP endpoint as JSON when the app closes.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}

const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

describe('service kit: tracing', () => {
  const received: OtlpSpan[] = [];
  let sink: Server;
  let db: TestDatabase;

  before(async () => {
    sink = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const parsed = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
        for (const r of parsed.resourceSpans) for (const s of r.scopeSpans) received.push(...s.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const address = sink.address();
    // Read once, when the process's first service is created: this file is its own process.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    db = await createTestDatabase('kit_tracing');
  });
  after(async () => {
    await db.drop();
    await new Promise((r) => sink.close(r));
  });

  it('links server, client, callee and SQL spans into the caller’s trace', async () => {
    const { createPool, createService, tracedFetch } = await import('../src/index.js');
    const pool = createPool(db.url, 2, 'kit_tracing');
    const callee = await createService({ name: 'kit-tracing', version: 'v1', logLevel: 'silent' });
    callee.get('/b', { config: { auth: 'public' } }, async (request) => ({ got: request.headers.traceparent }));
    await callee.listen({ port: 0, host: '127.0.0.1' });
    const calleeAddress = callee.server.address();
    const calleeUrl = `http://127.0.0.1:${typeof calleeAddress === 'object' && calleeAddress ? calleeAddress.port : 0}`;

    const caller = await createService({ name: 'kit-tracing', version: 'v1', logLevel: 'silent', pool });
    caller.get('/a', { config: { auth: 'public' } }, async () => {
      await pool.query('SELECT $1::text AS secret', ['do-not-record']);
      const res = await tracedFetch(`${calleeUrl}/b`, {}, 'callee');
      return { callee: await res.json() };
    });
    await caller.listen({ port: 0, host: '127.0.0.1' });
    const callerAddress = caller.server.address();
    const callerUrl = `http://127.0.0.1:${typeof callerAddress === 'object' && callerAddress ? callerAddress.port : 0}`;

    const res = await fetch(`${callerUrl}/a`, { headers: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('traceparent') ?? '', new RegExp(`^00-${PARENT_TRACE}-[0-9a-f]{16}-01$`));
    await pool.query('SELECT 2'); // outside any request: no span
    await caller.close(); // flushes the batch to the sink (and ends the pool)
    await callee.close();

    const inTrace = received.filter((s) => s.traceId === PARENT_TRACE);
    const byName = (name: string) => {
      const span = inTrace.find((s) => s.name === name);
      assert.ok(span, `a span named ${name}; got ${inTrace.map((s) => s.name).join(', ')}`);
      return span;
    };
    const server = byName('GET /a');
    assert.equal(server.parentSpanId, PARENT_SPAN);
    assert.equal(server.kind, 2);
    const sql = byName('SELECT kit_tracing');
    assert.equal(sql.parentSpanId, server.spanId);
    const statement = sql.attributes.find((a) => a.key === 'db.query.text')?.value.stringValue;
    assert.equal(statement, 'SELECT $1::text AS secret');
    assert.ok(!JSON.stringify(received).includes('do-not-record'), 'query parameters are never recorded');
    const client = byName('GET callee');
    assert.equal(client.parentSpanId, server.spanId);
    assert.equal(client.kind, 3);
    const calleeSpan = byName('GET /b');
    assert.equal(calleeSpan.parentSpanId, client.spanId);
    assert.equal(received.filter((s) => s.name.startsWith('SELECT')).length, 1, 'no span for SQL outside traced work');
  });
});
