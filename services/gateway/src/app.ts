// Builds the gateway on the service kit: CORS, the API docs page, the index, and the proxy to the
// upstream services. Health, request ids, problem+json, logs and token verification come from the kit.

import { createService, type ServiceApp, type ServiceOptions, type TokenVerifier } from '@emporium/service-kit';
import cors from '@fastify/cors';
import { corsOrigin, type GatewayConfig } from './config.js';
import { DOCS_PATH, registerDocs } from './docs.js';
import { proxyRoutes } from './proxy.js';
import { createRoutePolicy } from './route-policy.js';
import { createUpstreamAgent, fetchOpenApiDocument } from './upstream-client.js';
import { parseUpstreams } from './upstreams.js';
import { hasWebBuild, registerWebApps } from './web-apps.js';

const DOCUMENT_TIMEOUT_MS = 2_000;

export interface GatewayDeps {
  config: GatewayConfig;
  verifier: TokenVerifier;
  /** Tests pass one to silence or capture logs. */
  logger?: ServiceOptions['logger'];
}

export async function buildApp({ config, verifier, logger }: GatewayDeps): Promise<ServiceApp> {
  const upstreams = parseUpstreams(config.UPSTREAMS);
  const app = await createService({
    name: 'gateway',
    version: config.SERVICE_VERSION,
    description:
      'The API gateway: routes /api/{service}/... to the services, checks tokens, serves the API docs and the web apps.',
    logLevel: config.LOG_LEVEL,
    verifier,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Traces are for the API: not the web apps' files, nor the console's telemetry queries, which would
    // otherwise fill the trace store with traces of reading it.
    untraced: /^\/(?!api\/)|^\/api\/telemetry\//,
    ...(logger ? { logger } : {}),
  });

  // Nothing the gateway serves itself needs a signed-in caller, so its routes (including those of
  // the CORS and docs plugins) are public to the kit's auth hook, which still rejects any bad token
  // that is sent. Whether a proxied route needs a token is the upstream's say (route-policy.ts).
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: route.config?.auth ?? 'public' };
  });

  const agent = createUpstreamAgent(config.UPSTREAM_TIMEOUT_MS);
  app.addHook('onClose', async () => agent.close());
  // A service's first request waits for its document, so a slow document must not hold it for long.
  const documentTimeoutMs = Math.min(config.UPSTREAM_TIMEOUT_MS, DOCUMENT_TIMEOUT_MS);
  const policy = createRoutePolicy({
    fetchDocument: (upstream) => fetchOpenApiDocument(agent, upstream, documentTimeoutMs),
    log: app.log,
  });

  // Registered on the root, so preflights are answered here and never forwarded.
  await app.register(cors, {
    origin: corsOrigin(config.CORS_ORIGINS),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'idempotent-replayed'],
  });
  await registerDocs(app, upstreams);
  await app.register(proxyRoutes, { upstreams, agent, policy, bodyLimit: config.BODY_LIMIT_BYTES });

  if (hasWebBuild(config.WEB_ROOT)) {
    await registerWebApps(app, config.WEB_ROOT);
  } else {
    app.get('/', { schema: { hide: true } }, async () => ({
      name: 'emporium',
      docs: DOCS_PATH,
      services: upstreams.map((upstream) => upstream.name),
    }));
  }
  return app;
}
