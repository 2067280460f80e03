// Entry point of the orders service: wiring only (the shared wiring, with the order saga, the catalog
// client and the saga's deadline watcher).
import { runMessageDrivenService } from '@emporium/messaging';
import { migrateIdempotency } from '@emporium/service-kit';
import { buildApp } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import { MIGRATIONS_DIR, OrdersConfig } from './config.js';
import { createOrderSagaEngine } from './flows/order-saga-engine.js';
import { PUBLISHES } from './messages/order-events.js';
import { orderHandlers } from './messages/subscriptions.js';
import { startDeadlineWatcher } from './saga/deadline-watcher.js';

runMessageDrivenService({
  service: 'orders',
  config: OrdersConfig,
  migrationsDir: MIGRATIONS_DIR,
  alsoMigrate: [migrateIdempotency],
  publishes: PUBLISHES,
  async start({ config, pool, verifier }) {
    const saga = createOrderSagaEngine({
      reserveTimeoutMs: config.ORDER_RESERVE_TIMEOUT_MS,
      paymentTimeoutMs: config.ORDER_PAYMENT_TIMEOUT_MS,
    });
    const catalog = createCatalogClient(config.CATALOG_URL, config.CATALOG_TIMEOUT_MS);
    return {
      app: await buildApp({ config, pool, verifier, catalog, saga }),
      handlers: orderHandlers(saga),
      workers: [
        (app) => startDeadlineWatcher({ pool, engine: saga, intervalMs: config.SAGA_SWEEP_INTERVAL_MS, log: app.log }),
      ],
    };
  },
});
