// Builds the analytics HTTP app on the service kit and registers its routes (reports and the event log).
import { createService, type ServiceApp, type ServiceAppDeps, serviceDepsOptions } from '@emporium/service-kit';
import { registerEventLogRoutes } from './api/event-log-routes.js';
import { registerReportRoutes } from './api/report-routes.js';
import type { AnalyticsConfig } from './config.js';

/** Its config, pool and token verifier (tests also pass a logger to silence or capture logs). */
export type AnalyticsDeps = ServiceAppDeps<AnalyticsConfig>;

export async function buildApp({ config, pool, verifier, logger }: AnalyticsDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'analytics',
    description: 'Reports built from domain events: sales, top products, the order funnel, and the event log.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerReportRoutes(app, pool);
  registerEventLogRoutes(app, pool);
  return app;
}
