// Builds inventory's HTTP app on the service kit and registers its routes.
import {
  createService,
  type Pool,
  type ServiceApp,
  type ServiceOptions,
  type TokenVerifier,
} from '@emporium/service-kit';
import { registerStockRoutes } from './api/stock-routes.js';
import type { InventoryConfig } from './config.js';

export interface InventoryDeps {
  config: InventoryConfig;
  pool: Pool;
  verifier: TokenVerifier;
  /** Tests pass one to silence or capture logs. */
  logger?: ServiceOptions['logger'];
}

export async function buildApp({ config, pool, verifier, logger }: InventoryDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'inventory',
    version: config.SERVICE_VERSION,
    description: 'Inventory: stock levels, and reservations of stock for orders.',
    logLevel: config.LOG_LEVEL,
    pool,
    verifier,
    ...(logger ? { logger } : {}),
  });
  registerStockRoutes(app, pool, { defaultLowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD });
  return app;
}
