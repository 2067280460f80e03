// A service under component test: a fresh database with the service's, the messaging and the
// idempotency migrations applied, the app built on it (messaging not started: tests read the outbox
// and call handlers directly), and tokens to call it with. Every service's test support uses this.
import { randomUUID } from 'node:crypto';
import { migrateMessaging } from '@emporium/messaging';
import {
  createPool,
  migrate,
  migrateIdempotency,
  type Pool,
  type ServiceApp,
  type TokenVerifier,
} from '@emporium/service-kit';
import { createTestDatabase } from '@emporium/testing';
import { createTokenIssuer, type TokenIssuer } from './token-issuer.js';

export interface ComponentAppDeps {
  pool: Pool;
  verifier: TokenVerifier;
  databaseUrl: string;
}

export interface ComponentAppOptions<A extends ServiceApp> {
  /** Names the test database (letters, digits, underscores). */
  label: string;
  migrationsDir: string;
  build(deps: ComponentAppDeps): Promise<A>;
  poolSize?: number;
}

export interface ComponentApp<A extends ServiceApp = ServiceApp> {
  app: A;
  pool: Pool;
  databaseUrl: string;
  tokens: TokenIssuer;
  /** Authorization headers for an admin, and for one customer whose id is `customerId`. */
  admin: { authorization: string };
  customer: { authorization: string };
  customerId: string;
  close(): Promise<void>;
}

export async function startComponentApp<A extends ServiceApp>(
  options: ComponentAppOptions<A>,
): Promise<ComponentApp<A>> {
  const db = await createTestDatabase(options.label);
  const pool = createPool(db.url, options.poolSize ?? 4, `${options.label}-test`);
  await migrate(pool, options.migrationsDir);
  await migrateMessaging(pool);
  await migrateIdempotency(pool);
  const tokens = await createTokenIssuer();
  const app = await options.build({ pool, verifier: tokens.verifier, databaseUrl: db.url });
  await app.ready();
  const customerId = randomUUID();
  return {
    app,
    pool,
    databaseUrl: db.url,
    tokens,
    admin: await tokens.headersFor('admin'),
    customer: await tokens.headersFor('customer', customerId),
    customerId,
    async close() {
      await app.close(); // the app's onClose ends the pool
      await db.drop();
    },
  };
}
