// Entry point of the notification service: wiring only (the shared wiring, with the delivery job runner
// that sends mail, SMS and push outside message transactions).
import { migrateJobs, startJobRunner } from '@emporium/jobs';
import { runMessageDrivenService } from '@emporium/messaging';
import { buildApp } from './app.js';
import { MIGRATIONS_DIR, NotificationsConfig } from './config.js';
import { createDeliveryTasks } from './delivery/tasks.js';
import { PUBLISHES } from './messages/notification-events.js';
import { HANDLERS } from './messages/subscriptions.js';

runMessageDrivenService({
  service: 'notifications',
  config: NotificationsConfig,
  migrationsDir: MIGRATIONS_DIR,
  alsoMigrate: [migrateJobs], // handlers enqueue delivery jobs
  publishes: PUBLISHES,
  async start({ config, pool, verifier }) {
    return {
      app: await buildApp({ config, pool, verifier }),
      handlers: HANDLERS,
      workers: [
        async (app) => {
          const delivery = createDeliveryTasks(pool, config, app.log);
          const runner = await startJobRunner({
            pool,
            tasks: delivery.tasks,
            log: app.log,
            concurrency: config.NOTIFICATION_CONCURRENCY,
          });
          return {
            async stop() {
              await runner.stop();
              delivery.close();
            },
          };
        },
      ],
    };
  },
});
