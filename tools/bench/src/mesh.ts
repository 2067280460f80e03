// `npm run bench:mesh`: what the local mesh adds per hop. Starts the real runtime in a throwaway folder
// and measures the same GET straight to the catalog and through the mesh's catalog listener (the way
// orders reaches it): sequential requests for the latency one hop adds, then autocannon for throughput.
// Usage: npm run bench:mesh [-- --requests 2000 --duration 10 --connections 20]
import { parseArgs } from 'node:util';
import { createRuntime } from '@emporium/testing';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const requests = Number(values.requests);
const duration = Number(values.duration);
const connections = Number(values.connections);
const CATALOG_OFFSET = 2;
const MESH_LISTENER_OFFSET = 20;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const WARM_UP = 1000;

async function timed(agent: Agent, url: string): Promise<number> {
  const started = performance.now();
  const { statusCode, body } = await request(url, { dispatcher: agent });
  await body.dump();
  if (statusCode !== 200) throw new Error(`${url} answered ${statusCode}`);
  return performance.now() - started;
}

/**
 * One request at a time over one keep-alive connection per path: the latency of the path itself. The two
 * paths take turns, so a busy moment of the machine weighs on both alike; the first requests warm up the JIT.
 */
async function sequential(direct: string, mesh: string) {
  const agents = [new Agent({ connections: 1 }), new Agent({ connections: 1 })] as const;
  const times = { direct: [] as number[], mesh: [] as number[], added: [] as number[] };
  for (let i = 0; i < requests + WARM_UP; i++) {
    const straight = await timed(agents[0], direct);
    const through = await timed(agents[1], mesh);
    if (i < WARM_UP) continue;
    times.direct.push(straight);
    times.mesh.push(through);
    times.added.push(through - straight);
  }
  await Promise.all(agents.map((a) => a.close()));
  const summary = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  };
  return { direct: summary(times.direct), mesh: summary(times.mesh), added: summary(times.added) };
}

async function throughput(url: string) {
  const result = await autocannon({ url, duration, connections, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const runtime = await createRuntime({ infra: 'embedded' });
try {
  await runtime.start();
  const base = Number(runtime.env.EMPORIUM_PORT_BASE);
  const direct = `http://127.0.0.1:${base + CATALOG_OFFSET}`;
  const mesh = `http://127.0.0.1:${base + MESH_LISTENER_OFFSET + CATALOG_OFFSET}`;
  const list = (await (await fetch(`${direct}/v1/products?limit=1`)).json()) as { items: Array<{ id: string }> };
  const id = list.items[0]?.id;
  if (!id) throw new Error('the catalog is empty');
  const path = `/v1/products/${id}`;

  console.log(`GET product by id: ${requests} sequential requests each (one connection)\n`);
  const one = await sequential(direct + path, mesh + path);
  console.log(`direct to catalog      p50 ${one.direct.p50.toFixed(3)} ms   p99 ${one.direct.p99.toFixed(3)} ms`);
  console.log(`through the mesh       p50 ${one.mesh.p50.toFixed(3)} ms   p99 ${one.mesh.p99.toFixed(3)} ms`);
  console.log(`mesh adds per hop      p50 ${one.added.p50.toFixed(3)} ms (median of the paired differences)`);

  console.log(`\n${connections} connections, ${duration} s each (autocannon)\n`);
  const many = { direct: await throughput(direct + path), mesh: await throughput(mesh + path) };
  for (const [title, r] of [
    ['direct to catalog', many.direct],
    ['through the mesh', many.mesh],
  ] as const) {
    console.log(`${title.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms`);
  }
  console.log(`\nmesh / direct throughput: ${(many.mesh.rps / many.direct.rps).toFixed(2)}`);
} finally {
  await runtime.cleanUp();
}
