// Builds the catalog's HTTP app on the service kit and registers its routes.
import { createService, type ServiceApp, type ServiceAppDeps, serviceDepsOptions } from '@emporium/service-kit';
import { registerCategoryRoutes } from './api/category-routes.js';
import { registerImageRoutes } from './api/image-routes.js';
import { registerProductRoutes } from './api/product-routes.js';
import type { CatalogConfig } from './config.js';

/** Its config, pool and token verifier (tests also pass a logger to silence or capture logs). */
export type CatalogDeps = ServiceAppDeps<CatalogConfig>;

export async function buildApp({ config, pool, verifier, logger }: CatalogDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'catalog',
    description: 'Product catalog: products, categories, search and product images.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerProductRoutes(app, pool);
  registerCategoryRoutes(app, pool);
  registerImageRoutes(app, pool);
  return app;
}
