// Entry point of the orders service: wiring only (configuration, database, migrations, saga, messaging, serve).
import { attachMessaging, migrateMessaging } from '@emporium/messaging';
import {
  createPool,
  createRemoteTokenVerifier,
  loadConfig,
  migrate,
  migrateIdempotency,
  runService,
  startOrExit,
} from '@emporium/service-kit';
import { buildApp } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import { MIGRATIONS_DIR, OrdersConfig } from './config.js';
import { createOrderSagaEngine } from './flows/order-saga-engine.js';
import { PUBLISHES } from './messages/order-events.js';
import { orderHandlers } from './messages/subscriptions.js';
import { startDeadlineWatcher } from './saga/deadline-watcher.js';

startOrExit(async () => {
  const config = loadConfig(OrdersConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'orders');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool);
  await migrateIdempotency(pool);
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const saga = createOrderSagaEngine({
    reserveTimeoutMs: config.ORDER_RESERVE_TIMEOUT_MS,
    paymentTimeoutMs: config.ORDER_PAYMENT_TIMEOUT_MS,
  });
  const catalog = createCatalogClient(config.CATALOG_URL, config.CATALOG_TIMEOUT_MS);
  const app = await buildApp({ config, pool, verifier, catalog, saga });
  await attachMessaging(app, {
    service: 'orders',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: orderHandlers(saga),
  });
  const deadlines = startDeadlineWatcher({
    pool,
    engine: saga,
    intervalMs: config.SAGA_SWEEP_INTERVAL_MS,
    log: app.log,
  });
  app.addHook('preClose', () => deadlines.stop());
  await runService(app, { port: config.PORT, host: config.HOST });
});
