// `npm run bench`: starts the real runtime in a throwaway folder and measures, in one run, the same
// request straight to a service and through the gateway, so the two figures are comparable.
// Usage: npm run bench [-- --duration 10 --connections 20]
import { parseArgs } from 'node:util';
import { createRuntime } from '@emporium/testing';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function measure(title: string, url: string) {
  const result = await autocannon({ url, duration, connections, pipelining: 1 });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const runtime = await createRuntime({ infra: 'embedded' });
try {
  await runtime.start();
  const catalog = `http://127.0.0.1:${Number(runtime.env.EMPORIUM_PORT_BASE) + 2}`;
  const list = (await (await fetch(`${runtime.gateway}/api/products/v1/products?limit=1`)).json()) as {
    items: Array<{ id: string }>;
  };
  const id = list.items[0]?.id;
  if (!id) throw new Error('the catalog is empty');
  console.log(`GET product by id, ${connections} connections, ${duration} s each (autocannon)\n`);
  const rows = [
    await measure('direct to catalog', `${catalog}/v1/products/${id}`),
    await measure('through the gateway', `${runtime.gateway}/api/products/v1/products/${id}`),
  ];
  for (const r of rows) {
    console.log(`${r.title.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms`);
  }
  const [direct, gateway] = rows;
  if (direct && gateway) console.log(`\ngateway / direct throughput: ${(gateway.rps / direct.rps).toFixed(2)}`);
} finally {
  await runtime.cleanUp();
}
