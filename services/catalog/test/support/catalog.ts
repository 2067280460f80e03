// A catalog app for component tests: a fresh database with the migrations applied, and tokens to call it with.
import { migrateMessaging } from '@emporium/messaging';
import { createPool, migrate, type Pool, parseConfig, type ServiceApp } from '@emporium/service-kit';
import { createTestDatabase } from '@emporium/testing';
import { buildApp } from '../../src/app.js';
import { CatalogConfig, MIGRATIONS_DIR } from '../../src/config.js';
import { bearer, createTokenIssuer } from './tokens.js';

export interface TestCatalog {
  app: ServiceApp;
  pool: Pool;
  /** Authorization headers for an admin and for a customer. */
  admin: { authorization: string };
  customer: { authorization: string };
  close(): Promise<void>;
}

export async function startTestCatalog(label: string): Promise<TestCatalog> {
  const db = await createTestDatabase(label);
  const config = parseConfig(CatalogConfig, {
    DATABASE_URL: db.url,
    JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
    LOG_LEVEL: 'silent',
    BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
  });
  const pool = createPool(config.DATABASE_URL, 4, 'catalog-test');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool);
  const issuer = await createTokenIssuer();
  const app = await buildApp({ config, pool, verifier: issuer.verifier });
  await app.ready();
  return {
    app,
    pool,
    admin: bearer(await issuer.tokenFor('admin')),
    customer: bearer(await issuer.tokenFor('customer')),
    async close() {
      await app.close(); // also ends the pool
      await db.drop();
    },
  };
}
