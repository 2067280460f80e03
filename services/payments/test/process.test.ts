// The real processes: payments (its main.ts wiring), the provider simulator and the embedded broker.
// A ProcessPayment published on the bus ends as one charge and one PaymentCompleted on the bus, and
// SIGTERM during a slow charge lets the job finish and commit before the process exits.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, type DataOf, ProcessPayment, streamOf } from '@emporium/contracts';
import { connectBus, ensureStreams, type MessageBus } from '@emporium/messaging';
import { createPool, type Pool } from '@emporium/service-kit';
import {
  type BrokerProcess,
  createTestDatabase,
  freePort,
  startEmbeddedBroker,
  startReadyProcess,
  stopProcess,
  type TestDatabase,
} from '@emporium/testing';
import { eventually } from './support/eventually.js';
import { processCommand } from './support/payments.js';

const PAYMENTS_MAIN = resolve(import.meta.dirname, '../src/main.js');
const PROVIDER_MAIN = resolve(import.meta.dirname, '../../../../infra/payment-provider/dist/src/main.js');

describe('payments: the real process', () => {
  let broker: BrokerProcess;
  let database: TestDatabase;
  let providerDir: string;
  let provider: ChildProcess;
  let providerUrl: string;
  let bus: MessageBus;
  let payments: ChildProcess | undefined;
  let paymentsUrl: string;
  let env: NodeJS.ProcessEnv;
  let db: Pool;

  before(async () => {
    broker = await startEmbeddedBroker();
    database = await createTestDatabase('payments_process');
    db = createPool(database.url, 2);
    providerDir = await mkdtemp(join(tmpdir(), 'emporium-payments-process-'));
    const providerPort = await freePort();
    providerUrl = `http://127.0.0.1:${providerPort}`;
    provider = await startReadyProcess(PROVIDER_MAIN, [], {
      PORT: String(providerPort),
      LOG_LEVEL: 'info',
      PROVIDER_DATA_DIR: providerDir,
      PROVIDER_SLOW_MS: '1500',
    });
    const port = await freePort();
    paymentsUrl = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      BUS_URL: broker.url,
      JWKS_URL: 'http://127.0.0.1:9/unused-here',
      PAYMENT_PROVIDER_URL: providerUrl,
    };
    bus = await connectBus(broker.url, 'payments-process-test');
    await ensureStreams(bus, ['payments']);
    await startPayments();
  });
  after(async () => {
    if (payments) await stopProcess(payments, 'SIGTERM');
    await bus?.close();
    if (provider) await stopProcess(provider, 'SIGTERM');
    await broker?.stop();
    await db?.end();
    await database?.drop();
    await rm(providerDir, { recursive: true, force: true });
  });

  async function startPayments() {
    const child = spawn(process.execPath, [PAYMENTS_MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    payments = child;
    await eventually(
      () =>
        fetch(`${paymentsUrl}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
      'payments to be ready',
      20_000,
    );
  }
  const send = async (data: DataOf<typeof ProcessPayment>) => {
    const command = createEnvelope(ProcessPayment, data, { source: '/emporium/orders', subject: data.order_id });
    await bus.publish({ subject: command.type, id: command.id, data: Buffer.from(JSON.stringify(command)) });
  };
  const announced = async (orderId: string) => {
    const stored = await bus.read(streamOf('payments').name, 1, 10_000);
    return stored
      .map((m) => JSON.parse(Buffer.from(m.data).toString()))
      .filter((e) => e.data.order_id === orderId && !e.type.includes('ProcessPayment'))
      .map((e) => e.type.split('.')[2]);
  };
  const chargesFor = async (orderId: string) =>
    ((await (await fetch(`${providerUrl}/v1/charges?reference=${orderId}`)).json()) as { data: unknown[] }).data;

  it('charges a ProcessPayment from the bus once and publishes PaymentCompleted', async () => {
    const command = processCommand();
    await send(command);
    await eventually(async () => (await announced(command.order_id)).length === 1, 'the answer on the bus', 20_000);
    await send(command); // a saga retry under a new message id: answered again, charged once
    await eventually(async () => (await announced(command.order_id)).length === 2, 'the second answer', 20_000);
    assert.deepEqual(await announced(command.order_id), ['PaymentCompleted', 'PaymentCompleted']);
    assert.equal((await chargesFor(command.order_id)).length, 1);
  });

  it('finishes a charge in flight on SIGTERM, and announces it once', async () => {
    const command = processCommand({ payment_method: 'pm_card_slow' });
    await send(command);
    await eventually(
      async () => (await chargesFor(command.order_id)).length === 0 && (await isCharging(command.order_id)),
      'the charge to start',
    );
    const child = payments as ChildProcess;
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, 'a clean exit');
    assert.equal((await chargesFor(command.order_id)).length, 1, 'the charge finished before the exit');
    await startPayments();
    await eventually(
      async () => (await announced(command.order_id)).length === 1,
      'PaymentCompleted on the bus',
      20_000,
    );
    assert.deepEqual(await announced(command.order_id), ['PaymentCompleted']);
  });

  /** The payment is processing and a worker holds its charge job: the provider call is under way. */
  async function isCharging(orderId: string): Promise<boolean> {
    const { rows } = await db.query(
      `SELECT 1 FROM payments p JOIN graphile_worker.jobs j ON j.key = 'charge:' || p.id
       WHERE p.order_id = $1 AND p.status = 'processing' AND j.locked_at IS NOT NULL`,
      [orderId],
    );
    return rows.length === 1;
  }
});
