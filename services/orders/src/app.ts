// Builds the orders service's HTTP app on the service kit and registers its routes.
import {
  createService,
  type Pool,
  type ServiceApp,
  type ServiceOptions,
  serviceDepsOptions,
  type TokenVerifier,
} from '@emporium/service-kit';
import { registerOrderRoutes } from './api/order-routes.js';
import type { CatalogClient } from './clients/catalog-client.js';
import type { OrdersConfig } from './config.js';
import { startOrderAdmission } from './flows/admission.js';
import type { OrderSagaEngine } from './flows/order-saga-engine.js';
import { createOrderStatusFeed } from './flows/order-status-feed.js';

export interface OrdersDeps {
  config: OrdersConfig;
  pool: Pool;
  verifier: TokenVerifier;
  catalog: CatalogClient;
  saga: OrderSagaEngine;
  /** Tests pass one to silence or capture logs. */
  logger?: ServiceOptions['logger'];
}

export async function buildApp({ config, pool, verifier, catalog, saga, logger }: OrdersDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'orders',
    description: 'Orders: placing, reading, cancelling and shipping orders, carried through the order saga.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  // Live status changes for GET /v1/orders/{id}/events, over one LISTEN connection of its own.
  const feed = createOrderStatusFeed(config.DATABASE_URL, app.log);
  app.addHook('onClose', () => feed.close());
  // New orders are refused at the door while the saga is too far behind to confirm them in time.
  const admission = startOrderAdmission({
    pool,
    reserveTimeoutMs: config.ORDER_RESERVE_TIMEOUT_MS,
    maxLagMs: config.ORDER_ADMISSION_MAX_LAG_MS,
    intervalMs: config.SAGA_SWEEP_INTERVAL_MS,
    log: app.log,
  });
  app.addHook('onClose', () => admission.stop());
  registerOrderRoutes(app, { pool, catalog, saga, feed, admission });
  return app;
}
