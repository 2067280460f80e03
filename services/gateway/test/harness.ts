import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createService,
  createTokenVerifier,
  parseConfig,
  type ServiceApp,
  type TokenVerifier,
} from '@emporium/service-kit';
import { createTestTokens, type TokenOptions, tamper } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';
import { buildApp } from '../src/app.js';
import { GatewayConfig } from '../src/config.js';

export interface TokenIssuer {
  verifier: TokenVerifier;
  /** A valid access token; `expiresAt` (seconds since the epoch) makes it expired or not. */
  token(options?: TokenOptions): Promise<string>;
}

export async function createTokenIssuer(): Promise<TokenIssuer> {
  const tokens = await createTestTokens();
  return { verifier: createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens), token: tokens.token };
}

export { tamper };

export interface KitUpstream {
  url: string;
  /** `METHOD /path?query` of every request it served, its own /openapi.json included. */
  calls: string[];
  close(): Promise<void>;
}

/** A real kit service: `GET /v1/items/{id}` is public, `GET /v1/orders/{id}` needs a customer. */
export async function startKitUpstream(verifier: TokenVerifier): Promise<KitUpstream> {
  const app: ServiceApp = await createService({ name: 'shop', version: 'v1', logLevel: 'silent', verifier });
  const calls: string[] = [];
  app.addHook('onRequest', async (request) => {
    calls.push(`${request.method} ${request.url}`);
  });
  app.get('/v1/items/:id', { schema: {}, config: { auth: 'public' } }, async (request) => ({
    id: (request.params as { id: string }).id,
    query: request.query,
  }));
  app.get('/v1/orders/:id', { schema: {} }, async (request) => ({
    id: (request.params as { id: string }).id,
    user_id: request.principal?.userId,
  }));
  app.post('/v1/items', { schema: {}, config: { auth: 'public' } }, async (request, reply) =>
    reply.code(201).send(request.body),
  );
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, calls, close: () => app.close() };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PlainUpstream {
  url: string;
  /** `METHOD /path` of every request as soon as its headers arrive, body read or not. */
  arrivals: string[];
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A node:http server that records each request (body read in full) and answers with `respond`;
 * the default answer is 200 with the recorded request as JSON.
 */
export async function startPlainUpstream(
  respond?: (request: RecordedRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>,
): Promise<PlainUpstream> {
  const requests: RecordedRequest[] = [];
  const arrivals: string[] = [];
  const server = createServer(async (raw, response) => {
    arrivals.push(`${raw.method} ${raw.url}`);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of raw) chunks.push(chunk as Buffer);
    } catch {
      return; // the gateway cut the body off; nothing to answer
    }
    const recorded = {
      method: raw.method ?? '',
      url: raw.url ?? '',
      headers: raw.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    if (respond) return respond(recorded, response, raw);
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ method: recorded.method, url: recorded.url, headers: recorded.headers }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A gateway for `upstreams` (name → url) with test settings; `env` overrides any of them. */
export async function startGateway(
  upstreams: Record<string, string>,
  verifier: TokenVerifier,
  env: Record<string, string> = {},
): Promise<ServiceApp> {
  const config = parseConfig(GatewayConfig, {
    UPSTREAMS: Object.entries(upstreams)
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    JWKS_URL: 'http://127.0.0.1:9/unused-the-tests-verify-locally',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return buildApp({ config, verifier });
}

/** Listens on a random port and answers the base URL, for tests where real sockets matter. */
export async function listen(app: ServiceApp): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}
