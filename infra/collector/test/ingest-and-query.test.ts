// OTLP traces and log lines in, the query API out: traces by order, service, error and duration, one
// trace's spans, observed edges in the topology (whichever of a pair arrives first), and logs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, logLine, newSpanId, newTraceId, otlpRequest, startCollector } from './support/harness.js';

describe('collector: ingest and query', () => {
  let h: Harness;
  const traceId = newTraceId();
  const ids = {
    gatewayServer: newSpanId(),
    gatewayClient: newSpanId(),
    ordersServer: newSpanId(),
    consumer: newSpanId(),
    publish: newSpanId(),
  };
  const orderId = '0193a5f2-0000-7000-8000-000000000001';
  const t0 = Date.now() - 5000;
  const gatewayRoot = {
    traceId,
    spanId: ids.gatewayServer,
    name: 'POST /api/:service/*',
    kind: 2,
    startMs: t0,
    durationMs: 40,
    // As the kit records them: the real method and the path without its query string.
    attributes: { 'http.request.method': 'POST', 'url.path': '/api/orders/v1/orders' },
  };

  before(async () => {
    h = await startCollector();
  });
  after(() => h.close());

  const ingest = (body: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url: '/v1/traces', payload: body as object, headers });

  it('stores spans sent child first and pairs them into one trace with its edges', async () => {
    // Inventory's consumer span arrives before orders' producer span, orders' server span before the gateway's.
    assert.equal(
      (
        await ingest(
          otlpRequest('inventory', [
            {
              traceId,
              spanId: ids.consumer,
              parentSpanId: ids.publish,
              name: 'process ReserveInventory',
              kind: 5,
              startMs: t0 + 40,
              durationMs: 12,
              attributes: { 'emporium.order_id': orderId },
            },
          ]),
        )
      ).statusCode,
      200,
    );
    await ingest(
      otlpRequest('orders', [
        {
          traceId,
          spanId: ids.ordersServer,
          parentSpanId: ids.gatewayClient,
          name: 'POST /v1/orders',
          kind: 2,
          startMs: t0 + 5,
          durationMs: 30,
        },
        {
          traceId,
          spanId: ids.publish,
          parentSpanId: ids.ordersServer,
          name: 'publish ReserveInventory',
          kind: 4,
          startMs: t0 + 36,
          durationMs: 3,
        },
      ]),
    );
    const res = await ingest(
      otlpRequest('gateway', [
        gatewayRoot,
        {
          traceId,
          spanId: ids.gatewayClient,
          parentSpanId: ids.gatewayServer,
          name: 'proxy orders',
          kind: 3,
          startMs: t0 + 2,
          durationMs: 36,
        },
      ]),
    );
    assert.deepEqual(res.json(), { partialSuccess: {} });

    const list = await h.app.inject({ url: `/v1/traces?order_id=${orderId}`, headers: h.admin });
    assert.equal(list.statusCode, 200);
    const [item] = list.json().items;
    assert.equal(item.trace_id, traceId);
    assert.equal(item.root_service, 'gateway');
    // Listed by the real request, not the gateway's route pattern (the span keeps its name).
    assert.equal(item.root_name, 'POST /api/orders/v1/orders');
    assert.equal(item.span_count, 5);
    assert.deepEqual([...item.services].sort(), ['gateway', 'inventory', 'orders']);
    assert.equal(item.duration_ms, 52);
    assert.equal(item.error, false);

    const trace = (await h.app.inject({ url: `/v1/traces/${traceId}`, headers: h.admin })).json();
    assert.deepEqual(
      trace.spans.map((s: { service: string; kind: string }) => `${s.service}:${s.kind}`),
      ['gateway:server', 'gateway:client', 'orders:server', 'orders:producer', 'inventory:consumer'],
    );
    const consumer = trace.spans[4];
    assert.equal(consumer.parent_span_id, ids.publish);
    assert.equal(consumer.attributes['emporium.order_id'], orderId);
    assert.equal(consumer.start_unix_nano, (BigInt(t0 + 40) * 1_000_000n).toString());
    assert.equal(trace.spans[0].parent_span_id, null);
    assert.equal(trace.spans[0].name, 'POST /api/:service/*');

    const topology = (await h.app.inject({ url: '/v1/topology?window=15m', headers: h.admin })).json();
    const edge = (from: string, to: string) =>
      topology.edges.find((e: { from: string; to: string }) => e.from === from && e.to === to);
    assert.deepEqual(
      { ...edge('gateway', 'orders'), rate_rps: undefined },
      {
        from: 'gateway',
        to: 'orders',
        kind: 'http',
        declared: true,
        observed: true,
        rate_rps: undefined,
        error_rate: 0,
        p99_ms: 50,
      },
    );
    assert.equal(edge('orders', 'inventory').kind, 'message');
    assert.equal(edge('orders', 'inventory').observed, true);
    assert.equal(edge('orders', 'catalog').observed, false, 'declared in the catalog, never seen');
    assert.ok(topology.nodes.some((n: { name: string; kind: string }) => n.name === 'gateway' && n.kind === 'gateway'));
  });

  it('ignores an exporter retry of spans it already has', async () => {
    await ingest(otlpRequest('gateway', [gatewayRoot]));
    const [item] = (await h.app.inject({ url: `/v1/traces?order_id=${orderId}`, headers: h.admin })).json().items;
    assert.equal(item.span_count, 5);
  });

  it('filters traces by service, error and duration, newest first', async () => {
    const failed = newTraceId();
    await ingest(
      otlpRequest('payments', [
        {
          traceId: failed,
          spanId: newSpanId(),
          name: 'job payments.charge',
          kind: 1,
          startMs: Date.now() - 1000,
          durationMs: 900,
          error: 'provider down',
        },
      ]),
    );
    const errors = (await h.app.inject({ url: '/v1/traces?error=true', headers: h.admin })).json().items;
    assert.deepEqual(
      errors.map((t: { trace_id: string }) => t.trace_id),
      [failed],
    );
    const slow = (await h.app.inject({ url: '/v1/traces?min_duration_ms=500', headers: h.admin })).json().items;
    assert.deepEqual(
      slow.map((t: { trace_id: string }) => t.trace_id),
      [failed],
    );
    const all = (await h.app.inject({ url: '/v1/traces', headers: h.admin })).json().items;
    assert.deepEqual(
      all.map((t: { trace_id: string }) => t.trace_id),
      [failed, traceId],
    );
    const orders = (await h.app.inject({ url: '/v1/traces?service=orders&limit=1', headers: h.admin })).json().items;
    assert.deepEqual(
      orders.map((t: { trace_id: string }) => t.trace_id),
      [traceId],
    );
    const status = (await h.app.inject({ url: `/v1/traces/${failed}`, headers: h.admin })).json().spans[0].status;
    assert.deepEqual(status, { code: 'error', message: 'provider down' });
  });

  it('keeps log lines, found by trace, service, level and text', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/ingest/logs',
      payload: {
        items: [
          logLine({ trace_id: traceId, span_id: ids.ordersServer, request_id: 'r-1', status: 202 }),
          logLine({ level: 'warn', service: 'payments', msg: 'provider slow', attempt: 2 }),
          logLine({ level: 50, service: 'payments', msg: 'refund failed', refund_id: 'rf-9' }),
        ],
      },
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { accepted: 3 });
    const byTrace = (await h.app.inject({ url: `/v1/logs?trace_id=${traceId}`, headers: h.admin })).json().items;
    assert.equal(byTrace.length, 1);
    assert.deepEqual(
      { ...byTrace[0], time: undefined },
      {
        time: undefined,
        service: 'orders',
        level: 'info',
        msg: 'request completed',
        trace_id: traceId,
        span_id: ids.ordersServer,
        request_id: 'r-1',
        fields: { status: 202 },
      },
    );
    const warnings = (await h.app.inject({ url: '/v1/logs?service=payments&level=warn', headers: h.admin })).json()
      .items;
    assert.deepEqual(
      warnings.map((l: { msg: string }) => l.msg),
      ['refund failed', 'provider slow'],
    );
    const text = (await h.app.inject({ url: '/v1/logs?q=RF-9', headers: h.admin })).json().items;
    assert.deepEqual(
      text.map((l: { msg: string }) => l.msg),
      ['refund failed'],
    );
  });
});
