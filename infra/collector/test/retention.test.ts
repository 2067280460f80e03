// Retention: traces, their spans and edges, logs and scrape samples older than the cutoff are pruned;
// newer ones stay, and queries no longer find what was pruned.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pruneOlderThan } from '../src/store/retention.js';
import { timeKey } from '../src/store/store.js';
import { type Harness, logLine, newSpanId, newTraceId, otlpRequest, startCollector } from './support/harness.js';

describe('collector: retention', () => {
  let h: Harness;
  before(async () => {
    h = await startCollector();
  });
  after(() => h.close());

  it('prunes what is older than the cutoff and keeps the rest', async () => {
    const hour = 3_600_000;
    const old = newTraceId();
    const recent = newTraceId();
    const [parent, child] = [newSpanId(), newSpanId()];
    const oldStart = Date.now() - 3 * hour;
    await h.app.inject({
      method: 'POST',
      url: '/v1/traces',
      payload: otlpRequest('orders', [
        { traceId: old, spanId: parent, name: 'POST /v1/orders', kind: 2, startMs: oldStart, durationMs: 10 },
        {
          traceId: recent,
          spanId: newSpanId(),
          name: 'GET /v1/orders',
          kind: 2,
          startMs: Date.now() - 1000,
          durationMs: 5,
        },
      ]),
    });
    await h.app.inject({
      method: 'POST',
      url: '/v1/traces',
      payload: otlpRequest('catalog', [
        {
          traceId: old,
          spanId: child,
          parentSpanId: parent,
          name: 'GET /v1/products/:id',
          kind: 2,
          startMs: oldStart + 1,
          durationMs: 3,
        },
      ]),
    });
    await h.app.inject({
      method: 'POST',
      url: '/v1/ingest/logs',
      payload: {
        items: [
          logLine({ time: new Date(oldStart).toISOString(), trace_id: old, msg: 'old line' }),
          logLine({ msg: 'new line' }),
        ],
      },
    });
    h.store.samples.putSync(`${timeKey(oldStart)}:orders:http://x`, {
      time_ms: oldStart,
      target: 'orders',
      instance: 'http://x',
      up: true,
      version: 'v1',
      process_start_ms: null,
      red: { count: 1, errors: 0, buckets: [] },
    });

    const removed = pruneOlderThan(h.store, Date.now() - hour);
    assert.deepEqual(removed, { traces: 1, logs: 1, samples: 1, edges: 1 });

    assert.equal((await h.app.inject({ url: `/v1/traces/${old}`, headers: h.admin })).statusCode, 404);
    assert.equal((await h.app.inject({ url: `/v1/traces/${recent}`, headers: h.admin })).statusCode, 200);
    const traces = (await h.app.inject({ url: '/v1/traces', headers: h.admin })).json().items;
    assert.deepEqual(
      traces.map((t: { trace_id: string }) => t.trace_id),
      [recent],
    );
    assert.deepEqual((await h.app.inject({ url: `/v1/logs?trace_id=${old}`, headers: h.admin })).json().items, []);
    const logs = (await h.app.inject({ url: '/v1/logs', headers: h.admin })).json().items;
    assert.deepEqual(
      logs.map((l: { msg: string }) => l.msg),
      ['new line'],
    );
    assert.equal([...h.store.children.getRange()].length, 0, 'no index entry outlives its trace');
    assert.deepEqual(pruneOlderThan(h.store, Date.now() - hour), { traces: 0, logs: 0, samples: 0, edges: 0 });
  });
});
