// The console's pictures are drawn from pure layouts; these tests pin what they must show: a span under
// its parent, a topology edge coloured and dashed by its traffic, a saga's compensations, and URLs that
// survive a round trip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityOf } from '../src/console/layout/activity.js';
import { chartPaths } from '../src/console/layout/area.js';
import { parseRoute, paths } from '../src/console/layout/routes.js';
import {
  edgeWidth,
  healthOfErrorRate,
  layoutTopology,
  type TopologyEdgeInput,
} from '../src/console/layout/topology.js';
import {
  isDatabaseSpan,
  layoutWaterfall,
  subtreeSizes,
  timeTicks,
  visibleRows,
} from '../src/console/layout/waterfall.js';
import { buildSagaDiagram, type SagaInput } from '../src/ui/saga.js';

const T0 = 1_795_832_102_120_000_000n;
const span = (id: string, parent: string | null, service: string, startMs: number, durationMs: number) => ({
  span_id: id,
  parent_span_id: parent,
  service,
  start_unix_nano: String(T0 + BigInt(Math.round(startMs * 1e6))),
  duration_ms: durationMs,
});

describe('console waterfall layout', () => {
  it('puts each span under its parent, siblings by start time, with offsets from the first start', () => {
    const { rows, totalMs, services } = layoutWaterfall([
      span('c2', 'root', 'inventory', 30, 5),
      span('root', null, 'gateway', 0, 100),
      span('c1', 'root', 'orders', 10, 50),
      span('g1', 'c1', 'catalog', 12, 8),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.span.span_id, r.depth, r.offsetMs]),
      [
        ['root', 0, 0],
        ['c1', 1, 10],
        ['g1', 2, 12],
        ['c2', 1, 30],
      ],
    );
    assert.equal(totalMs, 100);
    assert.deepEqual(services, ['gateway', 'orders', 'catalog', 'inventory']);
  });

  it('shows a span whose parent is missing, and spans in a parent cycle, as top-level rows', () => {
    const { rows } = layoutWaterfall([
      span('a', 'gone', 'orders', 5, 1),
      span('x', 'y', 'users', 0, 1),
      span('y', 'x', 'users', 1, 1),
    ]);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.find((r) => r.span.span_id === 'a')?.depth, 0);
  });

  it('keeps nanosecond starts exact past the float range and extends the trace to the last end', () => {
    const { rows, totalMs } = layoutWaterfall([span('a', null, 'gateway', 0, 2), span('b', null, 'orders', 0.001, 7)]);
    assert.equal(rows[1]?.offsetMs, 0.001);
    assert.equal(totalMs, 7.001);
  });

  it('folds the subtree under a collapsed span and keeps its siblings', () => {
    const { rows } = layoutWaterfall([
      span('root', null, 'gateway', 0, 100),
      span('c1', 'root', 'orders', 10, 50),
      span('g1', 'c1', 'catalog', 12, 8),
      span('g2', 'g1', 'catalog', 13, 1),
      span('c2', 'root', 'inventory', 30, 5),
    ]);
    assert.deepEqual(Object.fromEntries(subtreeSizes(rows)), { root: 4, c1: 2, g1: 1, g2: 0, c2: 0 });
    assert.deepEqual(
      visibleRows(rows, new Set(['c1'])).map((r) => r.span.span_id),
      ['root', 'c1', 'c2'],
    );
    assert.deepEqual(
      visibleRows(rows, new Set(['root', 'g1'])).map((r) => r.span.span_id),
      ['root'],
    );
    assert.equal(visibleRows(rows, new Set()).length, 5);
  });

  it('tells database calls from other spans by their db attributes', () => {
    assert.equal(isDatabaseSpan({ attributes: { 'db.system.name': 'postgresql' } }), true);
    assert.equal(isDatabaseSpan({ attributes: { 'db.system': 'postgresql' } }), true);
    assert.equal(isDatabaseSpan({ attributes: { 'http.route': '/v1/orders' } }), false);
  });

  it('picks round axis ticks that cover the whole trace', () => {
    assert.deepEqual(timeTicks(1000), [0, 200, 400, 600, 800, 1000]);
    assert.deepEqual(timeTicks(7), [0, 2, 4, 6]);
    assert.deepEqual(timeTicks(0), [0]);
  });
});

describe('console topology layout', () => {
  const edge = (from: string, to: string, over: Partial<TopologyEdgeInput> = {}): TopologyEdgeInput => ({
    from,
    to,
    kind: 'http',
    declared: true,
    observed: true,
    rate_rps: 1,
    error_rate: 0,
    p99_ms: 10,
    ...over,
  });

  it('places the gateway left of the services and infrastructure right of them', () => {
    const layout = layoutTopology(
      [
        { name: 'orders', kind: 'service' },
        { name: 'broker', kind: 'infra' },
        { name: 'gateway', kind: 'gateway' },
        { name: 'catalog', kind: 'service' },
      ],
      [],
    );
    const x = (name: string) => layout.nodes.find((n) => n.node.name === name)?.x ?? Number.NaN;
    assert.ok(x('gateway') < x('orders'));
    assert.equal(x('orders'), x('catalog'));
    assert.ok(x('broker') > x('orders'));
  });

  it('colours edges by error rate, dashes the declared but unseen ones, and skips edges to unknown nodes', () => {
    const layout = layoutTopology(
      [
        { name: 'gateway', kind: 'gateway' },
        { name: 'orders', kind: 'service' },
        { name: 'catalog', kind: 'service' },
        { name: 'inventory', kind: 'service' },
      ],
      [
        edge('gateway', 'orders', { error_rate: 0.2 }),
        edge('orders', 'catalog', { error_rate: 0.02 }),
        edge('orders', 'inventory', { kind: 'message', observed: false, rate_rps: 0, p99_ms: null }),
        edge('gateway', 'nowhere'),
      ],
    );
    assert.deepEqual(
      layout.edges.map((e) => [e.edge.to, e.health, e.dashed]),
      [
        ['orders', 'bad', false],
        ['catalog', 'warn', false],
        ['inventory', 'idle', true],
      ],
    );
  });

  it('grows edge width with the request rate, within bounds', () => {
    assert.ok(edgeWidth(10) > edgeWidth(1));
    assert.ok(edgeWidth(1) > edgeWidth(0));
    assert.ok(edgeWidth(1e9) <= 9);
    assert.equal(healthOfErrorRate(0.009), 'ok');
    assert.equal(healthOfErrorRate(0.05), 'bad');
  });
});

describe('console saga diagram', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 0, 0, s)).toISOString();
  const entry = (s: number, step: string, event: string, detail: string | null = null) => ({
    step,
    event,
    detail,
    at: at(s),
  });

  /** The log of a saga that reserved the stock and asked for the payment: where the three cases part. */
  const reservedThenPaying = () => [
    entry(0, 'order', 'saga_started'),
    entry(0, 'reserve_inventory', 'started'),
    entry(1, 'reserve_inventory', 'completed'),
    entry(1, 'process_payment', 'started'),
  ];
  const saga = (status: string, reason: string | null, awaiting: string[], rest: SagaInput['timeline']): SagaInput => ({
    status,
    current_step: null,
    outcome_reason: reason,
    awaiting_compensation: awaiting,
    timeline: [...reservedThenPaying(), ...rest],
  });

  it('shows a confirmed order as three completed steps', () => {
    const diagram = buildSagaDiagram(
      saga(
        'completed',
        null,
        [],
        [
          entry(2, 'process_payment', 'completed'),
          entry(2, 'commit_reservation', 'started'),
          entry(2, 'commit_reservation', 'completed', 'sent; no reply awaited'),
        ],
      ),
    );
    assert.equal(diagram.outcome, 'succeeded');
    assert.deepEqual(
      diagram.steps.map((s) => [s.name, s.state, s.undo]),
      [
        ['reserve_inventory', 'completed', 'none'],
        ['process_payment', 'completed', 'none'],
        ['commit_reservation', 'completed', 'none'],
      ],
    );
    assert.equal(diagram.startedAt, at(0));
    assert.equal(diagram.steps[0]?.endedAt, at(1));
  });

  it('shows a declined payment as a failed step and the reservation undone', () => {
    const diagram = buildSagaDiagram(
      saga(
        'compensated',
        'payment_declined',
        [],
        [
          entry(2, 'process_payment', 'failed', 'payment_declined'),
          entry(2, 'reserve_inventory', 'compensating', 'payment_declined'),
          entry(3, 'reserve_inventory', 'compensated'),
        ],
      ),
    );
    assert.equal(diagram.outcome, 'compensated');
    assert.equal(diagram.reason, 'payment_declined');
    assert.deepEqual(
      diagram.steps.map((s) => [s.name, s.state, s.undo, s.detail]),
      [
        ['reserve_inventory', 'completed', 'compensated', null],
        ['process_payment', 'failed', 'none', 'payment_declined'],
      ],
    );
  });

  it('keeps an undo the saga still awaits as compensating, and marks a timed-out step', () => {
    const diagram = buildSagaDiagram(
      saga(
        'compensating',
        'timeout',
        ['process_payment'],
        [
          entry(9, 'process_payment', 'timed_out'),
          entry(9, 'process_payment', 'compensating', 'timeout'),
          entry(9, 'reserve_inventory', 'compensating', 'timeout'),
          entry(10, 'reserve_inventory', 'compensated'),
        ],
      ),
    );
    assert.equal(diagram.outcome, 'compensating');
    assert.deepEqual(
      diagram.steps.map((s) => [s.name, s.state, s.undo]),
      [
        ['reserve_inventory', 'completed', 'compensated'],
        ['process_payment', 'timed_out', 'compensating'],
      ],
    );
  });
});

describe('console routes', () => {
  it('reads every page from its URL and writes the same URL back', () => {
    const id = '0193a8c2-7c1e-7a2b-9d2e-1f2a3b4c5d6e';
    const cases: Array<[string, ReturnType<typeof parseRoute>]> = [
      [paths.overview(), { page: 'overview' }],
      [paths.service('orders'), { page: 'service', name: 'orders' }],
      [paths.trace('4bf92f3577b34da6a3ce929d0e0e4736'), { page: 'trace', id: '4bf92f3577b34da6a3ce929d0e0e4736' }],
      [paths.order(id), { page: 'order', id }],
      [paths.traces({ order_id: id, error: true }), { page: 'traces', query: { order_id: id, error: true } }],
      [paths.logs({ service: 'orders', level: 'warn' }), { page: 'logs', query: { service: 'orders', level: 'warn' } }],
      [paths.deadLetters(), { page: 'dead-letters' }],
      [paths.slos(), { page: 'slos' }],
    ];
    for (const [href, route] of cases) {
      const url = new URL(href, 'http://console.test');
      assert.deepEqual(parseRoute(url.pathname, url.searchParams), route, href);
    }
  });

  it('answers an unknown console path with not-found, and ignores a bad minimum duration', () => {
    assert.equal(parseRoute('/console/nothing/here/at/all', new URLSearchParams()).page, 'not-found');
    assert.deepEqual(parseRoute('/console/traces', new URLSearchParams('min_duration_ms=abc')), {
      page: 'traces',
      query: {},
    });
  });
});

describe('console area chart', () => {
  it('breaks the line where a step has no value instead of dropping to zero', () => {
    const { line, area } = chartPaths([1, 2, null, 4, 5], 10);
    assert.equal((line.match(/M/g) ?? []).length, 2, line);
    assert.equal((area.match(/Z/g) ?? []).length, 2, area);
  });

  it('draws nothing for a window without samples, and scales the top value to the top edge', () => {
    assert.deepEqual(chartPaths([null, null], 1).line, '');
    const { y } = chartPaths([0, 10], 10);
    assert.equal(y(10), 4);
    assert.equal(y(0), 86);
  });
});

describe('console service activity', () => {
  it('counts a consumer-only service busy with messages, not idle, with its message failures', () => {
    const inventory = activityOf({
      rate_rps: 0,
      error_rate: 0,
      p99_ms: null,
      messages: { rate_rps: 2, error_rate: 0.25, p99_ms: 40 },
    });
    assert.deepEqual(inventory, { busy: true, rate_rps: 2, error_rate: 0.25, summary: '✉ 2.0/s · 40 ms' });
  });

  it('weighs request and message errors by their rates, and shows requests first', () => {
    const orders = activityOf({
      rate_rps: 3,
      error_rate: 0,
      p99_ms: 120,
      messages: { rate_rps: 1, error_rate: 0.4, p99_ms: 900 },
    });
    assert.equal(orders.rate_rps, 4);
    assert.equal(orders.error_rate, 0.1);
    assert.equal(orders.summary, '3.0/s · p99 120 ms');
  });

  it('is idle when neither requests nor messages were handled', () => {
    assert.deepEqual(activityOf({ rate_rps: 0, error_rate: 0, p99_ms: null }), {
      busy: false,
      rate_rps: 0,
      error_rate: 0,
      summary: 'idle',
    });
  });
});
