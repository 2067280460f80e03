// Builds payments' HTTP app on the service kit and registers its routes.
import { createService, type ServiceApp, type ServiceAppDeps, serviceDepsOptions } from '@emporium/service-kit';
import { registerLedgerRoutes } from './api/ledger-routes.js';
import { registerPaymentRoutes } from './api/payment-routes.js';
import { registerStrayChargeRoutes } from './api/stray-charge-routes.js';
import type { PaymentsConfig } from './config.js';

/** Its config, pool and token verifier (tests also pass a logger to silence or capture logs). */
export type PaymentsDeps = ServiceAppDeps<PaymentsConfig>;

export async function buildApp({ config, pool, verifier, logger }: PaymentsDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'payments',
    description: 'Payments: charges through the payment provider, refunds, and a double-entry ledger.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerPaymentRoutes(app, pool);
  registerLedgerRoutes(app, pool);
  registerStrayChargeRoutes(app, pool);
  return app;
}
