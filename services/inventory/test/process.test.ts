// The real service process on the embedded broker: main.ts wires migrations, the HTTP API, the
// consumers of the saga's commands and the outbox relay, so a command on the bus gets its answer on the bus.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEnvelope, InventoryReserved, ReserveInventory, streamOf } from '@emporium/contracts';
import { connectBus, ensureStreams, type MessageBus } from '@emporium/messaging';
import {
  type BrokerProcess,
  createTestDatabase,
  freePort,
  startEmbeddedBroker,
  stopProcess,
  type TestDatabase,
} from '@emporium/testing';
import type { StockJson } from '../src/api/stock-schemas.js';
import { seedProductId } from './support/inventory.js';

const MAIN = resolve(import.meta.dirname, '../src/main.js');
const SEED_KIT_002 = seedProductId('KIT-002');

/** Retries `probe` until it returns a value, for up to 15 s. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the inventory process', () => {
  let broker: BrokerProcess;
  let db: TestDatabase;
  let bus: MessageBus;
  let service: ChildProcess;
  let url: string;
  before(async () => {
    broker = await startEmbeddedBroker();
    db = await createTestDatabase('inventory_process');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: db.url,
      BUS_URL: broker.url,
      JWKS_URL: 'http://127.0.0.1:9/unused',
      LOG_LEVEL: 'warn',
    };
    service = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await eventually('the service to be ready', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined));
    bus = await connectBus(broker.url, 'inventory-process-test');
    await ensureStreams(bus, ['inventory']);
  });
  after(async () => {
    await stopProcess(service, 'SIGTERM');
    await bus.close();
    await broker.stop();
    await db.drop();
  });

  const send = (order: string, quantity: number) => {
    const command = createEnvelope(
      ReserveInventory,
      { order_id: order, items: [{ product_id: SEED_KIT_002, quantity }] },
      { source: '/emporium/orders', subject: order },
    );
    return bus.publish({ subject: command.type, id: command.id, data: Buffer.from(JSON.stringify(command)) });
  };
  const stockNow = async () => (await (await fetch(`${url}/v1/stock/${SEED_KIT_002}`)).json()) as StockJson;
  const answersTo = async (order: string) => {
    const messages = await bus.read(streamOf('inventory').name, 1, 1000);
    return messages
      .filter((m) => m.subject === InventoryReserved.type)
      .map((m) => JSON.parse(Buffer.from(m.data).toString('utf8')))
      .filter((e) => e.subject === order);
  };

  test('answers a ReserveInventory from the bus on the bus, and a retried one without reserving twice', async () => {
    const before = await stockNow();
    const order = randomUUID();
    await send(order, 2);
    const [first] = await eventually('InventoryReserved', async () => {
      const answers = await answersTo(order);
      return answers.length > 0 ? answers : undefined;
    });
    assert.deepEqual(first.data, { order_id: order, items: [{ product_id: SEED_KIT_002, quantity: 2 }] });
    await send(order, 2); // the saga's retry: a new message id
    await eventually('the second answer', async () => ((await answersTo(order)).length === 2 ? true : undefined));
    const after = await stockNow();
    assert.deepEqual(after, { ...before, reserved: before.reserved + 2, available: before.available - 2 });
  });
});
