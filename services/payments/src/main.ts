// Entry point of the payments service: wiring only (the shared wiring, with the job runner that calls
// the payment provider outside message transactions).
import { migrateJobs, startJobRunner } from '@emporium/jobs';
import { runMessageDrivenService } from '@emporium/messaging';
import { migrateIdempotency } from '@emporium/service-kit';
import { buildApp } from './app.js';
import { MIGRATIONS_DIR, PaymentsConfig } from './config.js';
import { paymentTasks } from './jobs/tasks.js';
import { PUBLISHES } from './messages/payment-events.js';
import { HANDLERS } from './messages/subscriptions.js';
import { createProviderClient } from './provider/provider-client.js';

runMessageDrivenService({
  service: 'payments',
  config: PaymentsConfig,
  migrationsDir: MIGRATIONS_DIR,
  // Admin refunds may carry an Idempotency-Key; handlers add jobs in their transactions.
  alsoMigrate: [migrateIdempotency, migrateJobs],
  publishes: PUBLISHES,
  async start({ config, pool, verifier }) {
    return {
      app: await buildApp({ config, pool, verifier }),
      handlers: HANDLERS,
      workers: [
        (app) =>
          startJobRunner({
            pool,
            log: app.log,
            concurrency: config.JOB_CONCURRENCY,
            // A charge job outlives no provider timeout; one locked much longer had its process killed.
            staleLockMs: config.PROVIDER_TIMEOUT_MS * 2,
            tasks: paymentTasks({
              pool,
              log: app.log,
              provider: createProviderClient({
                baseUrl: config.PAYMENT_PROVIDER_URL,
                timeoutMs: config.PROVIDER_TIMEOUT_MS,
              }),
              settings: {
                chargeAttempts: config.CHARGE_MAX_ATTEMPTS,
                refundAttempts: config.REFUND_MAX_ATTEMPTS,
                reconcileAfterMs: config.RECONCILE_AFTER_MS,
              },
            }),
          }),
      ],
    };
  },
});
