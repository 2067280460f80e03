// Builds inventory's HTTP app on the service kit and registers its routes.
import { createService, type ServiceApp, type ServiceAppDeps, serviceDepsOptions } from '@emporium/service-kit';
import { registerStockRoutes } from './api/stock-routes.js';
import type { InventoryConfig } from './config.js';

/** Its config, pool and token verifier (tests also pass a logger to silence or capture logs). */
export type InventoryDeps = ServiceAppDeps<InventoryConfig>;

export async function buildApp({ config, pool, verifier, logger }: InventoryDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'inventory',
    description: 'Inventory: stock levels, and reservations of stock for orders.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerStockRoutes(app, pool, { defaultLowStockThreshold: config.INVENTORY_LOW_STOCK_THRESHOLD });
  return app;
}
