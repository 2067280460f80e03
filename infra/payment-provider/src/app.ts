// Builds the payment provider simulator's HTTP server over its store (used by main.ts, by its tests,
// and in-process by the payments service's tests).
import { createService, type ServiceApp, type ServiceOptions } from '@emporium/service-kit';
import { registerChaos } from './api/chaos.js';
import { registerChargeRoutes } from './api/charge-routes.js';
import { IdempotencyGate } from './api/idempotency-gate.js';
import { registerRefundRoutes } from './api/refund-routes.js';
import { registerSettingsRoutes } from './api/settings-routes.js';
import { LiveSettings, type ProviderSettings } from './domain/settings.js';
import { openProviderStore } from './store/provider-store.js';

export interface ProviderAppOptions {
  /** The LMDB folder: charges and idempotency keys outlive the process. */
  dataDir: string;
  /** Latency, error rate and slow-card delay at start; defaults 15 ms, 0, 5000 ms. */
  settings?: Partial<ProviderSettings>;
  version?: string;
  logLevel?: string;
  logger?: ServiceOptions['logger'];
}

const DEFAULT_SETTINGS: ProviderSettings = { latency_ms: 15, error_rate: 0, slow_ms: 5000 };

export async function buildProviderApp(options: ProviderAppOptions): Promise<ServiceApp> {
  const app = await createService({
    name: 'payment-provider',
    version: options.version ?? 'v1',
    description: 'A dev-grade stand-in for an external payment provider (test cards, idempotency keys, refunds)',
    logLevel: options.logLevel ?? 'info',
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const store = openProviderStore(options.dataDir);
  const settings = new LiveSettings({ ...DEFAULT_SETTINGS, ...options.settings });
  const deps = { store, gate: new IdempotencyGate(store), settings };
  app.addHook('preClose', async () => {
    // Charges and refunds in flight (a slow card included) finish and commit first. Then every
    // connection is cut: a keep-alive one would otherwise hold the close for Fastify's keep-alive
    // timeout (72 s). Clients retry under the same idempotency key, so nothing is lost.
    await deps.gate.settled();
    app.server.closeAllConnections();
  });
  app.addHook('onClose', async () => store.close());
  registerChaos(app, settings);
  registerChargeRoutes(app, deps);
  registerRefundRoutes(app, deps);
  registerSettingsRoutes(app, settings);
  return app;
}
