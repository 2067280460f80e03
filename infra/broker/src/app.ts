// Builds the broker's HTTP server over its state (used by main.ts and by the tests).
import { createService, type ServiceApp } from '@emporium/service-kit';
import { registerConsumerRoutes } from './api/consumer-routes.js';
import { registerStreamRoutes } from './api/stream-routes.js';
import { type Broker, openBroker } from './broker.js';

export interface BrokerAppOptions {
  dataDir: string;
  version?: string;
  logLevel?: string;
  retentionIntervalMs?: number;
}

export interface BrokerApp {
  app: ServiceApp;
  broker: Broker;
}

// Room for a 1 MiB message (JetStream's default max payload) once base64 has grown it by a third.
const BODY_LIMIT = 1.5 * 1024 * 1024;
const CLOSE_GRACE_MS = 100;

export async function buildBroker(options: BrokerAppOptions): Promise<BrokerApp> {
  const app = await createService({
    name: 'broker',
    version: options.version ?? 'v1',
    description: 'The local mode message broker: a small, dev-grade stand-in for NATS JetStream',
    logLevel: options.logLevel ?? 'info',
    bodyLimit: BODY_LIMIT,
  });
  const broker = openBroker({
    dataDir: options.dataDir,
    retentionIntervalMs: options.retentionIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'background write failed'),
  });
  app.addHook('preClose', async () => {
    // Long-polling fetches would hold the close up to their expiry: answer them first.
    broker.releaseFetches();
    // Then, once those answers and any publish in flight have gone out, cut every connection: one
    // that never sent a request (a client reconnecting, say) is not idle to Node and would hold the
    // close for its keep-alive timeout. Whatever is cut, clients retry; every route is safe to repeat.
    await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS));
    app.server.closeAllConnections();
  });
  app.addHook('onClose', async () => broker.close());
  registerStreamRoutes(app, broker.streams);
  registerConsumerRoutes(app, broker.consumers);
  return { app, broker };
}
