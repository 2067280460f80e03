// The consumer side of bench:bus as its own process, as a subscribing service would run: handles
// UserRegistered into an effects table that records when each event was handled.
import { UserRegistered } from '@emporium/contracts';
import { connectBus, ensureStreams, migrateMessaging, on, startConsumers } from '@emporium/messaging';
import { createPool } from '@emporium/service-kit';
import { setUpBenchProcess } from './bus-process.js';

const benchProcess = await setUpBenchProcess('bench-consumer');

const quiet = { info() {}, warn() {}, error() {} };
const pool = createPool(process.env.DATABASE_URL ?? '', 8);
await migrateMessaging(pool);
await pool.query(
  'CREATE TABLE IF NOT EXISTS effects (id uuid PRIMARY KEY, committed_at timestamptz NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())',
);
const bus = await connectBus(process.env.BUS_URL ?? '', 'bench-consumer', () => {});
await ensureStreams(bus, ['users']);
const consumers = await startConsumers({
  bus,
  pool,
  service: 'bench',
  log: quiet,
  settings: {
    maxInFlight: 64,
    ackWaitMs: 30_000,
    // BENCH_MAX_BATCH: try another batch size than the consumers' default.
    ...(process.env.BENCH_MAX_BATCH ? { maxBatch: Number(process.env.BENCH_MAX_BATCH) } : {}),
  },
  handlers: [
    on(UserRegistered, 'benchmark', async (tx, event) => {
      await tx.query('INSERT INTO effects (id, committed_at) VALUES ($1, $2)', [event.data.user_id, event.time]);
    }),
  ],
});
process.once('SIGTERM', async () => {
  await consumers.stop();
  await bus.close();
  await pool.end();
  await benchProcess.finish();
  process.exit(0);
});
console.log('ready');
