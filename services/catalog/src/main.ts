// Entry point of the catalog service: wiring only (configuration, database, migrations, then serve).
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

startOrExit(async () => {
  const config = loadConfig(CatalogConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'catalog');
  await migrate(pool, MIGRATIONS_DIR);
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  await runService(app, { port: config.PORT, host: config.HOST });
});
