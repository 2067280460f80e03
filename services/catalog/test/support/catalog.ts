// A catalog app for component tests, on the shared component-test harness.
import { parseConfig } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp } from '@emporium/service-testing';
import { buildApp } from '../../src/app.js';
import { CatalogConfig, MIGRATIONS_DIR } from '../../src/config.js';

export type TestCatalog = ComponentApp;

export function startTestCatalog(label: string): Promise<TestCatalog> {
  return startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    build: ({ pool, verifier, databaseUrl }) => {
      const config = parseConfig(CatalogConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
      });
      return buildApp({ config, pool, verifier });
    },
  });
}
