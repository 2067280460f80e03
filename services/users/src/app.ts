// Builds the users service from its dependencies (used by main.ts and by the tests).

import { fileURLToPath } from 'node:url';
import { createService, type Pool, type ServiceApp } from '@emporium/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import { registerRoutes } from './api/routes.js';
import type { UsersConfig } from './config.js';
import { createAccounts } from './flows/accounts.js';
import { createSessions } from './flows/sessions.js';
import { loadKeyRing } from './signing/key-ring.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface UsersDeps {
  config: UsersConfig;
  pool: Pool;
  logger?: FastifyBaseLogger;
}

export async function buildApp({ config, pool, logger }: UsersDeps): Promise<ServiceApp> {
  const keys = await loadKeyRing(pool, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const accounts = createAccounts(pool, config.PASSWORD_HASH_COST);
  const sessions = createSessions(pool, keys, {
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    passwordHashCost: config.PASSWORD_HASH_COST,
  });
  if (config.EMPORIUM_ADMIN_EMAIL && config.EMPORIUM_ADMIN_PASSWORD) {
    await accounts.ensureAdmin(config.EMPORIUM_ADMIN_EMAIL, config.EMPORIUM_ADMIN_PASSWORD);
  }
  const app = await createService({
    name: 'users',
    version: config.SERVICE_VERSION,
    description: 'Accounts, credentials, roles, profiles and the keys that sign access tokens',
    logLevel: config.LOG_LEVEL,
    pool,
    verifier: keys.verifier,
    ...(logger ? { logger } : {}),
  });
  registerRoutes(app, { accounts, sessions, keys });
  return app;
}
