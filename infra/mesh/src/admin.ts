// The mesh's admin server: Prometheus metrics, health, and the configuration it applies right now
// (routes, weights, policies, and each instance's ejection), which `emporium traffic` reads back.
import { createService, type ServiceApp } from '@emporium/service-kit';

export async function buildAdminApp(
  snapshot: () => object | undefined,
  options: { version: string; logLevel: string },
): Promise<ServiceApp> {
  const app = await createService({
    name: 'mesh',
    version: options.version,
    logLevel: options.logLevel,
    description: 'The local service mesh: the Istio resources it applies, its metrics and health.',
    readiness: [{ name: 'listeners', check: async () => snapshot() !== undefined }],
  });
  app.get('/v1/config', { schema: { hide: true }, config: { auth: 'public' } }, async () => snapshot() ?? {});
  return app;
}
