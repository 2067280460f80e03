// Entry point of the payments service: wiring only (configuration, database, migrations, the job
// runner that calls the payment provider, then serve and consume the order saga's commands).

import { migrateJobs, startJobRunner } from '@emporium/jobs';
import { attachMessaging, migrateMessaging } from '@emporium/messaging';
import {
  createPool,
  createRemoteTokenVerifier,
  loadConfig,
  migrate,
  migrateIdempotency,
  runService,
  startOrExit,
} from '@emporium/service-kit';
import { buildApp } from './app.js';
import { MIGRATIONS_DIR, PaymentsConfig } from './config.js';
import { paymentTasks } from './jobs/tasks.js';
import { PUBLISHES } from './messages/payment-events.js';
import { HANDLERS } from './messages/subscriptions.js';
import { createProviderClient } from './provider/provider-client.js';

startOrExit(async () => {
  const config = loadConfig(PaymentsConfig);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'payments');
  await migrate(pool, MIGRATIONS_DIR);
  await migrateMessaging(pool); // the outbox must exist before anything is published
  await migrateIdempotency(pool); // admin refunds may carry an Idempotency-Key
  await migrateJobs(pool); // handlers add jobs in their transactions
  const verifier = createRemoteTokenVerifier(config.JWKS_URL, {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  const app = await buildApp({ config, pool, verifier });
  const jobs = await startJobRunner({
    pool,
    log: app.log,
    concurrency: config.JOB_CONCURRENCY,
    // A charge job outlives no provider timeout; one locked much longer had its process killed.
    staleLockMs: config.PROVIDER_TIMEOUT_MS * 2,
    tasks: paymentTasks({
      pool,
      log: app.log,
      provider: createProviderClient({ baseUrl: config.PAYMENT_PROVIDER_URL, timeoutMs: config.PROVIDER_TIMEOUT_MS }),
      settings: { chargeAttempts: config.CHARGE_MAX_ATTEMPTS, refundAttempts: config.REFUND_MAX_ATTEMPTS },
    }),
  });
  // Registered before messaging's: preClose hooks run in order, so jobs in flight finish (and commit
  // their outcomes to the outbox) before the relay stops and the pool closes.
  app.addHook('preClose', () => jobs.stop());
  await attachMessaging(app, {
    service: 'payments',
    pool,
    databaseUrl: config.DATABASE_URL,
    busUrl: config.BUS_URL,
    publishes: PUBLISHES,
    handlers: HANDLERS,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
