// Entry point of the analytics service: wiring only (the shared wiring, with its app and its consumers).
import { runMessageDrivenService } from '@emporium/messaging';
import { buildApp } from './app.js';
import { AnalyticsConfig, MIGRATIONS_DIR } from './config.js';
import { HANDLERS, PUBLISHES } from './messages/subscriptions.js';

runMessageDrivenService({
  service: 'analytics',
  config: AnalyticsConfig,
  migrationsDir: MIGRATIONS_DIR,
  publishes: PUBLISHES,
  start: async (deps) => ({ app: await buildApp(deps), handlers: HANDLERS }),
});
