// `npm run bench:bus`: events committed through the outbox until handled-and-committed by a consumer,
// on NATS JetStream and on the embedded broker, with a raw NATS publish/consume baseline, in one run.
// Usage: npm run bench:bus [-- --events 10000 --rate 1000 --seconds 10 --only nats|embedded]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@emporium/local-postgres/embedded';
import { type BrokerProcess, findNatsServer, freePort, startEmbeddedBroker, startNatsServer } from '@emporium/testing';
import pg from 'pg';
import { openPipeline, rawBaseline } from './bus-pipeline.js';
import { setUpBenchProcess } from './bus-process.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    /** Measure only this broker (`nats` or `embedded`); the raw baseline runs whenever NATS does. */
    only: { type: 'string' },
  },
});
const EVENTS = Number(values.events);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const benchProcess = await setUpBenchProcess('bench-producer');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = await mkdtemp(join(tmpdir(), 'emporium-bench-pg-'));
const postgres = await startEmbeddedPostgres({
  dataDir,
  port: await freePort(),
  superuserPassword: 'bench',
  ephemeral: true,
});
async function database(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: postgres.adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return postgres.adminUrl(name);
}

async function measure(label: string, broker: BrokerProcess) {
  const pipeline = await openPipeline(
    broker.url,
    await database(`${label}_producer`),
    await database(`${label}_consumer`),
  );
  try {
    // Throughput: four writers commit as fast as they can, 50 events per transaction.
    const started = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => pipeline.commit(EVENTS / 4, 50)));
    const committed = (performance.now() - started) / 1000;
    while ((await pipeline.handledCount()) < EVENTS) await sleep(20);
    const throughput = EVENTS / ((performance.now() - started) / 1000);
    const spans = await pipeline.spans();
    console.error(
      `[${label}] ${EVENTS} events: all committed ${committed.toFixed(2)} s, last relayed (acked) ${spans.relayed.toFixed(2)} s, last handled ${spans.handled.toFixed(2)} s after the first commit`,
    );
    // Latency at a steady rate: RATE events/s in ticks of 10 ms, one transaction per tick.
    await pipeline.reset();
    const perTick = Math.max(1, Math.round(RATE / 100));
    const ticks = SECONDS * 100;
    const begin = performance.now();
    for (let tick = 0; tick < ticks; tick++) {
      await pipeline.commit(perTick, perTick);
      const due = begin + (tick + 1) * 10;
      if (due > performance.now()) await sleep(due - performance.now());
    }
    while ((await pipeline.handledCount()) < ticks * perTick) await sleep(20);
    const { p50, p99 } = await pipeline.latency();
    return { label, throughput, p50, p99 };
  } finally {
    await pipeline.close();
  }
}

const results: Array<{ label: string; throughput: number; p50?: number; p99?: number }> = [];
try {
  const nats = values.only === 'embedded' ? undefined : findNatsServer();
  if (nats) {
    const raw = await startNatsServer(nats);
    results.push({ label: 'raw NATS publish/consume', throughput: await rawBaseline(raw.url, EVENTS) });
    await raw.stop();
    const server = await startNatsServer(nats);
    results.push(await measure('nats', server));
    await server.stop();
  } else if (values.only !== 'embedded') {
    console.log('nats-server not found: NATS figures skipped');
  }
  if (values.only !== 'nats') {
    const embedded = await startEmbeddedBroker();
    results.push(await measure('embedded', embedded));
    await embedded.stop();
  }
} finally {
  await postgres.stop();
  await benchProcess.finish();
}

console.log(`\n${EVENTS} events as fast as possible; then ${RATE}/s for ${SECONDS} s (commit → handler commit)\n`);
for (const r of results) {
  const latency =
    r.p50 === undefined ? '' : `   p50 ${r.p50.toFixed(1)} ms   p99 ${(r.p99 ?? 0).toFixed(1)} ms at ${RATE}/s`;
  console.log(`${r.label.padEnd(26)} ${r.throughput.toFixed(0).padStart(7)} events/s${latency}`);
}
