// Entry point of the notification service: wiring only (configuration, database, migrations, the
// delivery job runner, messaging, then serve).
import { migrateJobs, startJobRunner } from '@emporium/jobs';
import { attachMessaging, migrateMessaging } from '@emporium/messaging';
import {
  createPool,
  createRemoteTokenVerifier,
  loadConfig,
  migrate,
  runService,
  startOrExit,
} from '@emporium/service-kit';
import { buildApp } from './app.js';
import { MIGRATIONS_DIR, NotificationsConfig } from './config.js';
import { createDeliveryTasks } from './delivery/tasks.js';
import { PUBLISHES } from './messages/notification-events.js';
import { HANDLERS } from './messages/subscriptions.js';

startOrExit(async () => {
  const config = loadConfig(NotificationsConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'notifications');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the inbox and outbox must exist before the first event is handled
  await migrateJobs(pool); // handlers enqueue delivery jobs
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  const delivery = createDeliveryTasks(pool, config, app.log);
  const runner = await startJobRunner({
    pool,
    tasks: delivery.tasks,
    log: app.log,
    concurrency: config.NOTIFICATION_CONCURRENCY,
  });
  // Registered before messaging's own preClose, so sends in flight finish before messaging and the pool close.
  app.addHook('preClose', async () => {
    await runner.stop();
    delivery.close();
  });
  await attachMessaging(app, {
    service: 'notifications',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: HANDLERS,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
