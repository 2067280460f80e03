// Entry point of the catalog service: wiring only (the shared wiring, with the catalog's app and events).
import { runMessageDrivenService } from '@emporium/messaging';
import { buildApp } from './app.js';
import { CatalogConfig, MIGRATIONS_DIR } from './config.js';
import { PUBLISHES } from './messages/product-events.js';

runMessageDrivenService({
  service: 'catalog',
  config: CatalogConfig,
  migrationsDir: MIGRATIONS_DIR,
  publishes: PUBLISHES,
  start: async (deps) => ({ app: await buildApp(deps) }),
});
