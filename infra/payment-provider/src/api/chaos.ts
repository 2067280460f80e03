// The simulated network and outages, on the routes that move money: every request to them waits the
// configured latency, and a share of them is answered 503 before anything is done. Reads and the
// settings stay reliable, so tests can look at what happened while the provider misbehaves.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceApp } from '@emporium/service-kit';
import { simulatedOutage } from '../domain/responses.js';
import type { LiveSettings } from '../domain/settings.js';

export const MONEY_ROUTES = new Set(['POST /v1/charges', 'POST /v1/refunds']);

export function registerChaos(app: ServiceApp, settings: LiveSettings): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!MONEY_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return;
    const { latency_ms } = settings.current;
    if (latency_ms > 0) await sleep(latency_ms);
    if (!settings.failsNow()) return;
    const outage = simulatedOutage();
    return reply.code(outage.status).send(outage.body);
  });
}
