// Builds the users service on a fresh database for a test file.

import { migrateMessaging } from '@emporium/messaging';
import { createPool, migrate, type Pool, parseConfig, type ServiceApp } from '@emporium/service-kit';
import { createTestDatabase, type TestDatabase } from '@emporium/testing';
import { buildApp, MIGRATIONS_DIR } from '../../src/app.js';
import { UsersConfig } from '../../src/config.js';

export interface UsersHarness {
  app: ServiceApp;
  pool: Pool;
  db: TestDatabase;
  rebuild(env?: Record<string, string>): Promise<ServiceApp>;
  close(): Promise<void>;
}

export async function startUsers(label: string, env: Record<string, string> = {}): Promise<UsersHarness> {
  const db = await createTestDatabase(label);
  const pool = createPool(db.url, 5);
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool);
  const apps: ServiceApp[] = [];
  const build = async (extra: Record<string, string>) => {
    const config = parseConfig(UsersConfig, {
      DATABASE_URL: db.url,
      PASSWORD_HASH_COST: '10',
      LOG_LEVEL: 'silent',
      BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
      ...env,
      ...extra,
    });
    // Each instance has its own pool, as separate processes would; closing the app closes it.
    const app = await buildApp({ config, pool: createPool(db.url, 5) });
    apps.push(app);
    return app;
  };
  const app = await build({});
  return {
    app,
    pool,
    db,
    rebuild: (extra = {}) => build(extra),
    close: async () => {
      for (const a of apps) await a.close();
      await pool.end();
      await db.drop();
    },
  };
}

let counter = 0;
export function newAccount(overrides: Partial<{ email: string; password: string; name: string }> = {}) {
  counter += 1;
  return {
    email: `shopper${counter}.${process.pid}@example.com`,
    password: 'correct horse battery',
    name: `Shopper ${counter}`,
    ...overrides,
  };
}
