// An inventory app for component tests, on the shared component-test harness, and the ways tests act
// on it without HTTP: stocking products directly, and handing the saga's commands to its handlers.
import { createHash, randomUUID } from 'node:crypto';
import {
  CommitReservation,
  createEnvelope,
  type DataOf,
  type MessageDefinition,
  ReleaseInventory,
  ReserveInventory,
} from '@emporium/contracts';
import { type Pool, type PoolClient, parseConfig, type Queryable, withTransaction } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp, testHandlerContext } from '@emporium/service-testing';
import { buildApp } from '../../src/app.js';
import { InventoryConfig, MIGRATIONS_DIR } from '../../src/config.js';
import { HANDLERS } from '../../src/messages/subscriptions.js';

export type TestInventory = ComponentApp;

export function startTestInventory(label: string): Promise<TestInventory> {
  return startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    build: ({ pool, verifier, databaseUrl }) => {
      const config = parseConfig(InventoryConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
      });
      return buildApp({ config, pool, verifier });
    },
  });
}

/** A product with a stock row, as a test needs it; returns its id. */
export async function stockedProduct(
  db: Queryable,
  { onHand, reserved = 0, threshold = 5 }: { onHand: number; reserved?: number; threshold?: number },
): Promise<string> {
  const productId = randomUUID();
  await db.query('INSERT INTO stock (product_id, on_hand, reserved, low_stock_threshold) VALUES ($1, $2, $3, $4)', [
    productId,
    onHand,
    reserved,
    threshold,
  ]);
  return productId;
}

export interface StockRow {
  on_hand: number;
  reserved: number;
}

export async function stockOf(db: Queryable, productId: string): Promise<StockRow | undefined> {
  const { rows } = await db.query<StockRow>('SELECT on_hand, reserved FROM stock WHERE product_id = $1', [productId]);
  return rows[0];
}

/** What handlers logged (tests read and clear its warnings). */
export const handlerContext = testHandlerContext();

/** Runs inventory's handler for `definition` on a command from the order saga, in the caller's transaction. */
export async function handleCommand<D extends MessageDefinition>(
  tx: PoolClient,
  definition: D,
  data: DataOf<D>,
): Promise<string> {
  const handler = HANDLERS.find((h) => h.message.type === definition.type);
  if (!handler) throw new Error(`inventory has no handler for ${definition.type}`);
  const command = createEnvelope(definition, data, { source: '/emporium/orders', subject: String(data.order_id) });
  await handler.handle(tx, command, handlerContext);
  return command.id;
}

export type Items = DataOf<typeof ReserveInventory>['items'];

/** The saga's commands, each handled in its own transaction on `pool`; each returns the command's id. */
export const reserve = (pool: Pool, orderId: string, items: Items) =>
  withTransaction(pool, (tx) => handleCommand(tx, ReserveInventory, { order_id: orderId, items }));
export const commit = (pool: Pool, orderId: string) =>
  withTransaction(pool, (tx) => handleCommand(tx, CommitReservation, { order_id: orderId }));
export const release = (pool: Pool, orderId: string, reason = 'payment_declined') =>
  withTransaction(pool, (tx) => handleCommand(tx, ReleaseInventory, { order_id: orderId, reason }));

export interface Published {
  type: string;
  data: Record<string, unknown>;
  causationid: string | undefined;
}

/** What inventory put in its outbox about an aggregate (an order or a product id), oldest first. */
export async function publishedAbout(db: Queryable, aggregate: string): Promise<Published[]> {
  const { rows } = await db.query<{ envelope: string }>(
    'SELECT envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
    [aggregate],
  );
  return rows.map((r) => {
    const envelope = JSON.parse(r.envelope);
    return { type: envelope.type, data: envelope.data, causationid: envelope.causationid };
  });
}

/** The id catalog gives a seed product, md5('emporium-seed:' || sku)::uuid, computed as PostgreSQL does. */
export function seedProductId(sku: string): string {
  const hex = createHash('md5').update(`emporium-seed:${sku}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
