// An orders app for component tests: a fresh database, a catalog stand-in holding the products the
// test adds, and helpers to deliver saga replies and read what orders published.
import { randomUUID } from 'node:crypto';
import { createEnvelope, type DataOf, type EventOf, type MessageDefinition } from '@emporium/contracts';
import { AppError, parseConfig, withTransaction } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp, testHandlerContext } from '@emporium/service-testing';
import { buildApp } from '../../src/app.js';
import type { CatalogClient } from '../../src/clients/catalog-client.js';
import { MIGRATIONS_DIR, OrdersConfig } from '../../src/config.js';
import type { CatalogProduct } from '../../src/domain/order.js';
import { createOrderSagaEngine, type OrderSagaEngine } from '../../src/flows/order-saga-engine.js';
import { orderHandlers } from '../../src/messages/subscriptions.js';
import { type DeadlineWatcher, startDeadlineWatcher } from '../../src/saga/deadline-watcher.js';

export interface TestOrders extends ComponentApp {
  saga: OrderSagaEngine;
  deadlines: DeadlineWatcher;
  /** Adds a product to the catalog stand-in. */
  addProduct(overrides?: Partial<CatalogProduct>): CatalogProduct;
  catalogDown(down: boolean): void;
  /** Delivers a reply (as inventory or payments would publish it) to the saga, in its own transaction. */
  deliver<D extends MessageDefinition>(message: D, data: DataOf<D>): Promise<EventOf<D>>;
  /** What orders published about an order, in order: [type name, data]. */
  published(orderId: string): Promise<Array<{ name: string; data: Record<string, unknown> }>>;
}

export async function startTestOrders(
  label: string,
  timeouts = { reserveTimeoutMs: 60_000, paymentTimeoutMs: 60_000 },
  /** More settings of OrdersConfig (ORDER_ADMISSION_MAX_LAG_MS, say). */
  settings: Record<string, string> = {},
): Promise<TestOrders> {
  const products = new Map<string, CatalogProduct>();
  let down = false;
  const catalog: CatalogClient = {
    async products(ids) {
      if (down) throw new AppError('unavailable', 'The catalog cannot be reached: test says down');
      return new Map(ids.map((id) => [id, products.get(id)]));
    },
  };
  const saga = createOrderSagaEngine(timeouts);
  const handlers = orderHandlers(saga);
  const component = await startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    poolSize: 12,
    build: ({ pool, verifier, databaseUrl }) => {
      const config = parseConfig(OrdersConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        CATALOG_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1',
        // The saga runs on `timeouts` (which may be shorter than the settings allow); admission reads this one.
        ORDER_RESERVE_TIMEOUT_MS: String(Math.max(100, timeouts.reserveTimeoutMs)),
        ...settings,
      });
      return buildApp({ config, pool, verifier, catalog, saga });
    },
  });
  const deadlines = startDeadlineWatcher({ pool: component.pool, engine: saga, intervalMs: 3_600_000, log: console });
  return {
    ...component,
    saga,
    deadlines,
    addProduct(overrides = {}) {
      const id = overrides.id ?? randomUUID();
      const product = {
        id,
        sku: `SKU-${id.slice(0, 8).toUpperCase()}`,
        name: 'Test product',
        price: { amount: 1250, currency: 'USD' },
        active: true,
        ...overrides,
      };
      products.set(id, product);
      return product;
    },
    catalogDown(value) {
      down = value;
    },
    async deliver(message, data) {
      const envelope = createEnvelope(message, data, {
        source: `/emporium/${message.service}`,
        subject: (data as { order_id?: string }).order_id ?? '',
      });
      const handler = handlers.find((h) => h.message.type === message.type);
      if (!handler) throw new Error(`orders does not handle ${message.type}`);
      await withTransaction(component.pool, (tx) => handler.handle(tx, envelope as never, testHandlerContext()));
      return envelope;
    },
    async published(orderId) {
      const { rows } = await component.pool.query<{ subject: string; envelope: string }>(
        'SELECT subject, envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
        [orderId],
      );
      return rows.map((r) => ({ name: r.subject.split('.')[2] ?? r.subject, data: JSON.parse(r.envelope).data }));
    },
    async close() {
      await deadlines.stop();
      await component.close();
    },
  };
}

/** A valid order body for `products` (one unit of each unless given). */
export function orderBody(items: Array<{ product_id: string; quantity?: number }>, paymentMethod = 'pm_card_visa') {
  return {
    items: items.map((i) => ({ product_id: i.product_id, quantity: i.quantity ?? 1 })),
    payment_method: paymentMethod,
    shipping_address: { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' },
  };
}
