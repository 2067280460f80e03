// Builds inventory's HTTP app on the service kit and registers its routes.
import {
  createService,
  type Pool,
  type ServiceApp,
  type ServiceOptions,
  serviceDepsOptions,
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
    description: 'Inventory: stock levels, and reservations of stock for orders.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerStockRoutes(app, pool, { defaultLowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD });
  return app;
}
