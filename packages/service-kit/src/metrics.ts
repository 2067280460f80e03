// Prometheus metrics for every service: process metrics, and RED per route (rate, errors and duration
// from one histogram labelled by method, route and status), served at GET /metrics.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';

export { register as metricsRegistry } from 'prom-client';

let defaultsCollected = false;

const requestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP requests served, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const buildInfo = new Gauge({
  name: 'emporium_build_info',
  help: 'Always 1; its labels say which version of the service this process runs',
  labelNames: ['version'] as const,
});

export function registerMetrics(app: FastifyInstance, service: string, version: string): void {
  if (!defaultsCollected) {
    defaultsCollected = true;
    register.setDefaultLabels({ service });
    collectDefaultMetrics();
    buildInfo.set({ version }, 1);
  }
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched paths share one label, so scanners cannot blow up the series count.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true }, config: { auth: 'public' } }, async (_request, reply) =>
    reply.type(register.contentType).send(await register.metrics()),
  );
}
