// Each service's HTTP app, built the way its main.ts builds it but never listening, so its OpenAPI
// document can be read. Settings are placeholders: nothing is called while a document is produced.
import { buildApp as buildAnalytics } from '@emporium/analytics/dist/src/app.js';
import { AnalyticsConfig } from '@emporium/analytics/dist/src/config.js';
import { buildApp as buildCatalog } from '@emporium/catalog/dist/src/app.js';
import { CatalogConfig } from '@emporium/catalog/dist/src/config.js';
import { buildApp as buildGateway } from '@emporium/gateway/dist/src/app.js';
import { GatewayConfig } from '@emporium/gateway/dist/src/config.js';
import { buildApp as buildInventory } from '@emporium/inventory/dist/src/app.js';
import { InventoryConfig } from '@emporium/inventory/dist/src/config.js';
import { buildApp as buildNotifications } from '@emporium/notifications/dist/src/app.js';
import { NotificationsConfig } from '@emporium/notifications/dist/src/config.js';
import { buildApp as buildOrders } from '@emporium/orders/dist/src/app.js';
import { createCatalogClient } from '@emporium/orders/dist/src/clients/catalog-client.js';
import { OrdersConfig } from '@emporium/orders/dist/src/config.js';
import { createOrderSagaEngine } from '@emporium/orders/dist/src/flows/order-saga-engine.js';
import { buildApp as buildPayments } from '@emporium/payments/dist/src/app.js';
import { PaymentsConfig } from '@emporium/payments/dist/src/config.js';
import {
  createPool,
  createRemoteTokenVerifier,
  migrate,
  type Pool,
  parseConfig,
  type ServiceApp,
  type TokenVerifier,
} from '@emporium/service-kit';
import { buildApp as buildUsers, MIGRATIONS_DIR as USERS_MIGRATIONS } from '@emporium/users/dist/src/app.js';
import { UsersConfig } from '@emporium/users/dist/src/config.js';
import { MESSAGING_SERVICES } from './registrations.js';

/** Every service with an HTTP API, in the order of the service catalog: those with messages, and the gateway. */
export const API_SERVICES = [...MESSAGING_SERVICES, 'gateway'] as const;
export type ApiService = (typeof API_SERVICES)[number];

const UNUSED = 'http://127.0.0.1:9/unused';

/** The settings every service requires, pointing nowhere (the database is a scratch one). */
function placeholderEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '2',
    LOG_LEVEL: 'silent',
    BUS_URL: UNUSED,
    JWKS_URL: `${UNUSED}/.well-known/jwks.json`,
    CATALOG_URL: UNUSED,
    PAYMENT_PROVIDER_URL: UNUSED,
    UPSTREAMS: `users=${UNUSED}`,
  };
}

interface BuildContext {
  env: NodeJS.ProcessEnv;
  pool: Pool;
  verifier: TokenVerifier;
}

const builders: Record<ApiService, (ctx: BuildContext) => Promise<ServiceApp>> = {
  async users({ env, pool }) {
    await migrate(pool, USERS_MIGRATIONS); // buildApp loads (or creates) its signing keys
    return buildUsers({ config: parseConfig(UsersConfig, env), pool });
  },
  catalog: ({ env, pool, verifier }) => buildCatalog({ config: parseConfig(CatalogConfig, env), pool, verifier }),
  inventory: ({ env, pool, verifier }) => buildInventory({ config: parseConfig(InventoryConfig, env), pool, verifier }),
  orders({ env, pool, verifier }) {
    const config = parseConfig(OrdersConfig, env);
    const saga = createOrderSagaEngine({
      reserveTimeoutMs: config.ORDER_RESERVE_TIMEOUT_MS,
      paymentTimeoutMs: config.ORDER_PAYMENT_TIMEOUT_MS,
    });
    const catalog = createCatalogClient(config.CATALOG_URL, config.CATALOG_TIMEOUT_MS);
    return buildOrders({ config, pool, verifier, catalog, saga });
  },
  payments: ({ env, pool, verifier }) => buildPayments({ config: parseConfig(PaymentsConfig, env), pool, verifier }),
  notifications: ({ env, pool, verifier }) =>
    buildNotifications({ config: parseConfig(NotificationsConfig, env), pool, verifier }),
  analytics: ({ env, pool, verifier }) => buildAnalytics({ config: parseConfig(AnalyticsConfig, env), pool, verifier }),
  async gateway({ env, pool, verifier }) {
    await pool.end(); // the gateway has no database
    return buildGateway({ config: parseConfig(GatewayConfig, env), verifier });
  },
};

/** Builds `service`'s app on `databaseUrl` (ready, not listening); the caller closes it. */
export async function buildServiceApp(service: ApiService, databaseUrl: string): Promise<ServiceApp> {
  const env = placeholderEnv(databaseUrl);
  const pool = createPool(databaseUrl, 2, `${service}-api-specs`);
  const verifier = createRemoteTokenVerifier(String(env.JWKS_URL), { issuer: 'emporium-users', audience: 'emporium' });
  try {
    const app = await builders[service]({ env, pool, verifier });
    await app.ready();
    return app;
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
