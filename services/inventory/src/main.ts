// Entry point of the inventory service: wiring only (configuration, database, migrations, then serve
// and consume the order saga's commands).

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
import { InventoryConfig, MIGRATIONS_DIR } from './config.js';
import { PUBLISHES } from './messages/inventory-events.js';
import { HANDLERS } from './messages/subscriptions.js';

startOrExit(async () => {
  const config = loadConfig(InventoryConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'inventory');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the outbox must exist before anything is published
  await migrateIdempotency(pool); // adjustments may carry an Idempotency-Key
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  await attachMessaging(app, {
    service: 'inventory',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: HANDLERS,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
