// `npm run bench:orders`: end-to-end order throughput. Starts the real runtime (embedded, or
// `--infra local` on the machine's PostgreSQL and a private NATS server), tops up stock, fires
// orders at a fixed rate through the gateway for a while, then reads each order's status history:
// confirmed orders per second, and p50/p99 from POST (created_at) to `confirmed`.
// `--telemetry on|off|both` (default on) records and exports spans to the local collector, or not
// (OTEL_SDK_DISABLED=true); `both` runs off then on, each on a fresh runtime, and compares them.
// `--cpu-prof DIR` has every process of the runtime write a V8 CPU profile into DIR when it stops.
// Usage: npm run bench:orders [-- --infra local --rate 200 --duration 20 --connections 50 --telemetry both]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime, infraModesUnderTest } from '@emporium/testing';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    infra: { type: 'string', default: 'embedded' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    telemetry: { type: 'string', default: 'on' },
    'cpu-prof': { type: 'string' },
  },
});
if (!['on', 'off', 'both'].includes(values.telemetry)) throw new Error('--telemetry must be on, off or both');
const telemetryRuns: Array<'on' | 'off'> =
  values.telemetry === 'both' ? ['off', 'on'] : [values.telemetry as 'on' | 'off'];
const infra = values.infra === 'local' ? 'local' : 'embedded';
const [rate, duration, connections] = [Number(values.rate), Number(values.duration), Number(values.connections)];

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** CPU time (user + system, ms) each of the runtime's processes has used so far, from /proc. */
async function cpuByProcess(runtime: Awaited<ReturnType<typeof createRuntime>>, names: string[]) {
  const entries = await Promise.all(
    names.map(async (name) => {
      const { pid } = await runtime.process(name);
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return [name, (Number(fields[11]) + Number(fields[12])) * 10] as const; // clock ticks of 10 ms
    }),
  );
  return new Map(entries);
}
/** Busy CPU time (ms) of the whole machine so far, from /proc/stat (all cores; idle and iowait left out). */
function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * 10;
}
const benchCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const PROCESSES = [
  'mesh',
  'gateway',
  'orders',
  'inventory',
  'payments',
  'notifications',
  'analytics',
  'catalog',
  'users',
  'payment-provider',
  'notification-sink',
  'collector',
];

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const modes = await infraModesUnderTest();
const mode = modes.find((m) => m.infra === infra) as (typeof modes)[number];
if (mode.skip) throw new Error(`--infra ${infra} cannot run here: ${mode.skip}`);
interface RunResult {
  telemetry: 'on' | 'off';
  confirmedPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerOrder: number;
}

async function run(telemetry: 'on' | 'off'): Promise<RunResult> {
  const runtime = await createRuntime(
    await mode.start({
      EMPORIUM_LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
      OTEL_SDK_DISABLED: telemetry === 'off' ? 'true' : 'false',
      // Every process of the runtime writes a V8 CPU profile there when it stops (open them in Chrome's DevTools).
      ...(values['cpu-prof'] ? { EMPORIUM_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${resolve(values['cpu-prof'])}` } : {}),
    }),
  );
  try {
    await runtime.start();
    const api = `${runtime.gateway}/api`;
    const session = (email: string, password: string) =>
      json<{ access_token: string }>(`${api}/users/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const admin = (await session(runtime.env.EMPORIUM_ADMIN_EMAIL ?? '', runtime.env.EMPORIUM_ADMIN_PASSWORD ?? ''))
      .access_token;
    const email = `bench.${Date.now()}@example.com`;
    await json(`${api}/users/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough password', name: 'Bench' }),
    });
    const token = (await session(email, 'a long enough password')).access_token;
    const { items } = await json<{ items: Array<{ id: string }> }>(`${api}/products/v1/products?limit=20`);
    for (const p of items) {
      await json(`${api}/inventory/v1/stock/${p.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ on_hand: 1_000_000 }),
      });
    }
    const bodies = items.map((p) =>
      JSON.stringify({
        items: [{ product_id: p.id, quantity: 1 }],
        payment_method: 'pm_card_visa',
        shipping_address: { line1: '1 Bench St', city: 'Loadville', postal_code: '00001', country: 'US' },
      }),
    );
    let n = 0;
    const cpuBefore = await cpuByProcess(runtime, PROCESSES);
    const [machineBefore, benchBefore] = [machineBusyMs(), benchCpuMs()];
    console.log(
      `${infra} mode, telemetry ${telemetry}: ${rate} orders/s offered for ${duration} s over ${connections} connections (autocannon)`,
    );
    const load = await autocannon({
      url: `${api}/orders/v1/orders`,
      method: 'POST',
      duration,
      connections,
      overallRate: rate,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
    });
    console.log(
      `POST /orders: ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, non-2xx ${load.non2xx} (of which 429, refused by admission control: ${load.statusCodeStats?.['429' as keyof typeof load.statusCodeStats]?.count ?? 0}), errors ${load.errors}`,
    );

    // Wait for the saga to finish every order, then read the status histories.
    type Order = { status: string; created_at: string; status_history: Array<{ status: string; at: string }> };
    const all: Order[] = [];
    const readAll = async () => {
      all.length = 0;
      for (let cursor: string | null = null; ; ) {
        const page: { items: Order[]; next_cursor: string | null } = await json(
          `${api}/orders/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        all.push(...page.items);
        cursor = page.next_cursor;
        if (!cursor) return;
      }
    };
    const deadline = Date.now() + 120_000;
    do {
      await new Promise((r) => setTimeout(r, 2000));
      await readAll();
    } while (all.some((o) => o.status === 'pending') && Date.now() < deadline);

    const cpuAfter = await cpuByProcess(runtime, PROCESSES);
    const [machineAfter, benchAfter] = [machineBusyMs(), benchCpuMs()];
    const confirmed = all.filter((o) => o.status === 'confirmed');
    const latencies = confirmed
      .map(
        (o) => Date.parse(o.status_history.find((h) => h.status === 'confirmed')?.at ?? '') - Date.parse(o.created_at),
      )
      .sort((a, b) => a - b);
    const first = Math.min(...all.map((o) => Date.parse(o.created_at)));
    const last = Math.max(...confirmed.map((o) => Date.parse(o.status_history.at(-1)?.at ?? '')));
    console.log(
      `orders: ${all.length} placed, ${confirmed.length} confirmed, ${all.filter((o) => o.status === 'pending').length} still pending, ${all.filter((o) => o.status === 'rejected').length} rejected`,
    );
    console.log(
      `confirmed orders/s end to end: ${((confirmed.length * 1000) / (last - first)).toFixed(1)}   POST→confirmed p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms`,
    );
    // Where the CPU goes: each process's CPU time over the run, per order placed; what the machine spent
    // besides them and this load generator is PostgreSQL, the broker and anything else running.
    const orders = Math.max(1, all.length);
    const perOrder = PROCESSES.map(
      (name) => [name, ((cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0)) / orders] as const,
    );
    const cpuMsPerOrder = perOrder.reduce((sum, [, ms]) => sum + ms, 0);
    const machinePerOrder = (machineAfter - machineBefore) / orders;
    const benchPerOrder = (benchAfter - benchBefore) / orders;
    console.log(
      `CPU ms per order: ${perOrder.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}; total ${cpuMsPerOrder.toFixed(1)}`,
    );
    console.log(
      `machine CPU ms per order: ${machinePerOrder.toFixed(1)} (Emporium's processes ${cpuMsPerOrder.toFixed(1)}, this load generator ${benchPerOrder.toFixed(1)}, PostgreSQL + broker + rest ${(machinePerOrder - cpuMsPerOrder - benchPerOrder).toFixed(1)})`,
    );
    return {
      telemetry,
      confirmedPerSecond: (confirmed.length * 1000) / (last - first),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      cpuMsPerOrder,
    };
  } finally {
    await runtime.cleanUp();
    await mode.stop();
  }
}

const results: RunResult[] = [];
for (const telemetry of telemetryRuns) results.push(await run(telemetry));
if (results.length > 1) {
  console.log('\ntelemetry | confirmed orders/s | POST→confirmed p50 | p99 | CPU ms per order');
  for (const r of results) {
    console.log(
      `${r.telemetry.padEnd(9)} | ${r.confirmedPerSecond.toFixed(1).padStart(18)} | ${`${r.p50} ms`.padStart(18)} | ${`${r.p99} ms`.padStart(7)} | ${r.cpuMsPerOrder.toFixed(1)}`,
    );
  }
}
