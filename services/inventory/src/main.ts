// Entry point of the inventory service: wiring only (the shared wiring, with inventory's app, events and handlers).
import { runMessageDrivenService } from '@emporium/messaging';
import { migrateIdempotency } from '@emporium/service-kit';
import { buildApp } from './app.js';
import { InventoryConfig, MIGRATIONS_DIR } from './config.js';
import { PUBLISHES } from './messages/inventory-events.js';
import { HANDLERS } from './messages/subscriptions.js';

runMessageDrivenService({
  service: 'inventory',
  config: InventoryConfig,
  migrationsDir: MIGRATIONS_DIR,
  alsoMigrate: [migrateIdempotency], // adjustments may carry an Idempotency-Key
  publishes: PUBLISHES,
  start: async (deps) => ({ app: await buildApp(deps), handlers: HANDLERS }),
});
