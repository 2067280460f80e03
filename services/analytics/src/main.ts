// Entry point of the analytics service: wiring only (configuration, database, migrations, consumers, then serve).

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
import { AnalyticsConfig, MIGRATIONS_DIR } from './config.js';
import { HANDLERS, PUBLISHES } from './messages/subscriptions.js';

startOrExit(async () => {
  const config = loadConfig(AnalyticsConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'analytics');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the inbox must exist before the first event is handled
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  await attachMessaging(app, {
    service: 'analytics',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: HANDLERS,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
