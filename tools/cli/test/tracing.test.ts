// System test of observability: the real CLI starts every process and the local collector; one order
// placed through the gateway must come back from the collector as ONE trace holding the gateway, orders,
// the catalog call and the work its messages caused in inventory, payments, notifications and analytics;
// the logs of that trace are there too; and no token or password reaches any log.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRuntime, infraModesUnderTest, type Runtime } from '@emporium/testing';
import { shopClient } from './support/shop-client.js';
import { eventually, newCustomer, placeOrder, type Shop, settled } from './support/shop-flows.js';

const EXPECTED = ['gateway', 'orders', 'catalog', 'inventory', 'payments', 'notifications', 'analytics'];

interface Span {
  span_id: string;
  parent_span_id: string | null;
  service: string;
  kind: string;
  name: string;
  attributes: Record<string, unknown>;
}

for (const mode of await infraModesUnderTest()) {
  const { infra, skip } = mode;

  describe(`system: one order, one trace (${infra} mode)`, { skip }, () => {
    let runtime: Runtime;
    let shop: Shop;
    let admin: string;
    let customer: { email: string; token: string };
    let orderId: string;
    let traceId: string;

    before(async () => {
      // Info level, so request lines reach the collector (and the secrets check has lines to read).
      runtime = await createRuntime(await mode.start({ EMPORIUM_LOG_LEVEL: 'info' }));
      await runtime.start();
      shop = shopClient(runtime.gateway);
      admin = (await shop.signIn(runtime.env.EMPORIUM_ADMIN_EMAIL ?? '', runtime.env.EMPORIUM_ADMIN_PASSWORD ?? ''))
        .access_token;
      customer = await newCustomer(shop, 'traced');
      const listed = await shop.get('/api/products/v1/products?limit=1');
      const placed = await placeOrder(shop, customer.token, [{ product_id: listed.body.items[0].id, quantity: 1 }]);
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      orderId = placed.body.id;
      const traceparent = placed.headers.get('traceparent') ?? '';
      assert.match(traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/, 'the answer carries its traceparent');
      traceId = traceparent.split('-')[1] as string;
      await settled(shop, customer.token, orderId, 'confirmed');
    });
    after(async () => {
      await runtime?.cleanUp();
      await mode.stop();
    });

    const telemetry = (path: string) => shop.get(`/api/telemetry/v1${path}`, admin);

    it('finds the order by id and returns one connected trace across every service it touched', async () => {
      const spans = await eventually(
        'a complete trace of the order',
        async () => {
          const found = await telemetry(`/traces?order_id=${orderId}`);
          assert.equal(found.status, 200, JSON.stringify(found.body));
          const item = found.body.items[0];
          if (!item || !EXPECTED.every((s) => item.services.includes(s))) return undefined;
          const trace = await telemetry(`/traces/${item.trace_id}`);
          const all = trace.body.spans as Span[];
          const ids = new Set(all.map((s) => s.span_id));
          // Every span's parent must have arrived too: one tree, no orphans.
          return all.every((s) => s.parent_span_id === null || ids.has(s.parent_span_id)) ? { item, all } : undefined;
        },
        45_000,
      );
      assert.equal(spans.item.trace_id, traceId, 'the trace is the one the gateway answered with');
      const roots = spans.all.filter((s) => s.parent_span_id === null);
      assert.equal(roots.length, 1);
      assert.equal(roots[0]?.service, 'gateway');
      assert.equal(roots[0]?.kind, 'server');
      for (const service of ['inventory', 'payments', 'notifications', 'analytics']) {
        assert.ok(
          spans.all.some((s) => s.service === service && s.kind === 'consumer'),
          `${service} consumed a message of this order within the trace`,
        );
      }
      assert.ok(spans.all.some((s) => s.service === 'orders' && s.kind === 'client' && s.name.includes('catalog')));
      assert.ok(spans.all.some((s) => s.service === 'catalog' && s.kind === 'server'));
      assert.ok(
        spans.all.some((s) => s.name.startsWith('saga order') && s.attributes['emporium.order_id'] === orderId),
      );
    });

    it('keeps the logs of the trace, and shows the observed edges in the topology', async () => {
      const logs = await eventually('log lines of the trace', async () => {
        const res = await telemetry(`/logs?trace_id=${traceId}`);
        assert.equal(res.status, 200);
        const services = new Set((res.body.items as Array<{ service: string }>).map((l) => l.service));
        return services.has('gateway') && services.has('orders') ? res.body.items : undefined;
      });
      assert.ok(logs.every((l: { trace_id: string }) => l.trace_id === traceId));
      const topology = await telemetry('/topology?window=15m');
      const observed = (from: string, to: string) =>
        topology.body.edges.some(
          (e: { from: string; to: string; observed: boolean }) => e.from === from && e.to === to && e.observed,
        );
      assert.ok(observed('gateway', 'orders'));
      assert.ok(observed('orders', 'inventory'));
    });

    it('answers only admins', async () => {
      assert.equal((await shop.get('/api/telemetry/v1/traces')).status, 401);
      assert.equal((await shop.get('/api/telemetry/v1/traces', customer.token)).status, 403);
    });

    it('never writes a token or a password to any log', async () => {
      const output = runtime.output();
      assert.ok(output.includes('request completed'), 'the runtime printed request lines');
      // (The CLI's own ready table prints the local admin's credentials on purpose; the processes never do.)
      for (const secret of [customer.token, admin, 'a long enough password']) {
        assert.ok(!output.includes(secret), 'a secret appeared in the processes’ logs');
      }
      const stored = JSON.stringify((await telemetry('/logs?limit=1000')).body);
      assert.ok(stored.includes('/v1/sessions'), 'the collector has the sign-in request lines');
      for (const secret of [
        customer.token,
        admin,
        'a long enough password',
        runtime.env.EMPORIUM_ADMIN_PASSWORD ?? '',
      ]) {
        assert.ok(!stored.includes(secret), 'a secret reached the collector’s logs');
      }
    });
  });
}
