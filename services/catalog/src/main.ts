// Entry point of the catalog service: wiring only (configuration, database, migrations, then serve).

import { attachMessaging, migrateMessaging } from '@emporium/messaging';
import {
  createPool,
  createRemoteTokenVerifier,
  loadConfig,
  migrate,
  runService,
  startOrExit,
} from '@emporium/service-kit';
import { buildApp } from './app.js';
import { CatalogConfig, MIGRATIONS_DIR } from './config.js';
import { PUBLISHES } from './messages/product-events.js';

startOrExit(async () => {
  const config = loadConfig(CatalogConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'catalog');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the outbox must exist before anything is published
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  await attachMessaging(app, {
    service: 'catalog',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: [],
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
