// The collector as a service-kit app: the query API (admin), the ingest routes (internal), health,
// metrics and its OpenAPI document, so the gateway routes /api/telemetry/... to it like any service.
import { createService, type ServiceApp, type ServiceOptions, type TokenVerifier } from '@emporium/service-kit';
import { ingestRoutes } from './api/ingest-routes.js';
import { type QueryDeps, queryRoutes } from './api/query-routes.js';

export interface CollectorAppDeps extends QueryDeps {
  version: string;
  logLevel: string;
  verifier: TokenVerifier;
  logger?: ServiceOptions['logger'];
}

export async function buildCollectorApp(deps: CollectorAppDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'collector',
    version: deps.version,
    description: 'The local telemetry collector: traces, RED metrics, logs, SLOs and dead letters of the shop.',
    logLevel: deps.logLevel,
    verifier: deps.verifier,
    // Tracing the collector would feed its own ingest with spans of its ingest.
    tracing: false,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  ingestRoutes(app, deps.store);
  queryRoutes(app, deps);
  return app;
}
