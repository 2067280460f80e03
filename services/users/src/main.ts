// Entry point of the users service: configuration, database, migrations, then serve.
import { createPool, loadConfig, migrate, runService, startOrExit } from '@emporium/service-kit';
import { buildApp, MIGRATIONS_DIR } from './app.js';
import { UsersConfig } from './config.js';

startOrExit(async () => {
  const config = loadConfig(UsersConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'users');
  await migrate(pool, MIGRATIONS_DIR);
  const app = await buildApp({ config, pool });
  await runService(app, { port: config.PORT, host: config.HOST });
});
