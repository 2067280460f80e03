// Entry point of the users service: configuration, database, migrations, then serve.

import { attachMessaging, migrateMessaging } from '@emporium/messaging';
import { createPool, loadConfig, migrate, runService, startOrExit } from '@emporium/service-kit';
import { buildApp, MIGRATIONS_DIR } from './app.js';
import { UsersConfig } from './config.js';
import { PUBLISHES } from './messages/user-events.js';

startOrExit(async () => {
  const config = loadConfig(UsersConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'users');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the outbox must exist before anything is published
  const app = await buildApp({ config, pool });
  await attachMessaging(app, {
    service: 'users',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: [],
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
