// The Fastify server every service is built on: typed schemas (TypeBox), an OpenAPI 3.1 document,
// problem+json errors, request ids, JSON logs, health endpoints and access-token checks.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { registerAuth, type TokenVerifier } from './auth.js';
import type { Pool } from './db.js';
import { type ReadinessCheck, registerHealth } from './health.js';
import { loggerOptions, redactUrl } from './logging.js';
import { registerMetrics } from './metrics.js';
import { registerProblemHandlers } from './problem.js';
import { registerServerSpanHooks, tracedServerFactory } from './telemetry/http-server.js';
import { initTracing } from './telemetry/tracing.js';
import { validatorCompiler } from './validation.js';

export type ServiceApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ServiceOptions {
  name: string;
  version: string;
  description?: string;
  logLevel?: string;
  /** The service's database: checked by /readyz and closed on shutdown. */
  pool?: Pool;
  verifier?: TokenVerifier;
  readiness?: ReadinessCheck[];
  bodyLimit?: number;
  /** Passed to Fastify; tests use it to silence or capture logs. */
  logger?: FastifyBaseLogger;
  /** Record and export spans when OTEL_EXPORTER_OTLP_ENDPOINT is set (default true; the collector says false). */
  tracing?: boolean;
  /** Request paths that get no server span (besides health probes and /metrics). */
  untraced?: RegExp;
}

/** What every service's buildApp is given and passes on to createService the same way. */
export interface ServiceAppDeps<
  C extends { SERVICE_VERSION: string; LOG_LEVEL: string } = { SERVICE_VERSION: string; LOG_LEVEL: string },
> {
  config: C;
  pool: Pool;
  verifier: TokenVerifier;
  logger?: FastifyBaseLogger | undefined;
}

/** createService's options that come from a service's deps: version and log level from its config, pool, verifier. */
export function serviceDepsOptions({ config, pool, verifier, logger }: ServiceAppDeps) {
  return { version: config.SERVICE_VERSION, logLevel: config.LOG_LEVEL, pool, verifier, ...(logger ? { logger } : {}) };
}

/** Polled by machines (probes, scrapers): a successful one is not worth a log line. */
const HEALTH_PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** One log line per request, when it completes, instead of Fastify's two; none for passing probes and scrapes. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (!error && HEALTH_PROBES.has(request.url) && reply.statusCode < 400) return;
    const line = {
      method: request.method,
      url: redactUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

const FORWARDED_PREFIX = /^\/api\/[a-z][a-z0-9-]*$/;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function createService(options: ServiceOptions): Promise<ServiceApp> {
  const tracing = initTracing({ service: options.name, version: options.version, enabled: options.tracing !== false });
  const app = Fastify({
    serverFactory: tracedServerFactory(options.untraced),
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: loggerOptions(options.name, options.version, options.logLevel ?? 'info') }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new OneLinePerRequest({ requestIdLogLabel: 'request_id' }),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Which version answered: a canary (SERVICE_VERSION=v2) beside the stable v1 is visible to callers.
    reply.header('x-service-version', options.version);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `Emporium ${options.name}`, version: options.version, description: options.description ?? '' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  // Behind the gateway, the document names the public prefix as its server, so "try it out" works.
  app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async (request) => {
    const prefix = request.headers['x-forwarded-prefix'];
    const document = app.swagger();
    return typeof prefix === 'string' && FORWARDED_PREFIX.test(prefix)
      ? { ...document, servers: [{ url: prefix }] }
      : document;
  });

  registerProblemHandlers(app);
  registerAuth(app, options.verifier);
  registerHealth(app, options.pool, options.readiness ?? [], options.version);
  registerMetrics(app, options.name, options.version);
  registerServerSpanHooks(app);
  app.addHook('onClose', async () => tracing.flush());

  if (options.pool) {
    const pool = options.pool;
    app.addHook('onClose', async () => pool.end());
  }
  return app;
}
