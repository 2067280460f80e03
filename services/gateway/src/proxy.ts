// `/api/{service}/{path}` → `{upstream}/{path}`, any method, query string kept. Bodies stream both
// ways untouched; before anything is sent the gateway refuses an unknown service (404), a body over
// the limit (413) and a token-less request to a route the service marks as protected (401).

import { notFound, sendProblem, startClientSpan, unauthorized } from '@emporium/service-kit';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import { capBody, declaresLengthOver, hasBody, payloadTooLargeFor } from './body-limit.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './forwarded-headers.js';
import type { RoutePolicy } from './route-policy.js';
import { failureCode, problemForUpstreamFailure } from './upstream-failures.js';
import type { Upstream } from './upstreams.js';

const DRAIN_FACTOR = 16;

export interface ProxyOptions {
  upstreams: Upstream[];
  agent: Dispatcher;
  policy: RoutePolicy;
  bodyLimit: number;
}

const PREFIX = '/api/';

/** `/api/users/v1/me?x=1` → `/v1/me?x=1`, percent-encoded exactly as the client sent it. */
export function upstreamPath(url: string): string {
  const afterService = url.indexOf('/', PREFIX.length);
  return afterService === -1 ? '/' : url.slice(afterService);
}

const withoutQuery = (path: string) => path.split('?', 1)[0] ?? path;

export async function proxyRoutes(scope: FastifyInstance, options: ProxyOptions): Promise<void> {
  const { agent, policy, bodyLimit } = options;
  const byName = new Map(options.upstreams.map((upstream) => [upstream.name, upstream]));

  const upstreamOf = (request: FastifyRequest): Upstream => {
    const { service } = request.params as { service: string };
    const upstream = byName.get(service);
    if (!upstream) throw notFound(`No service named "${service}"`);
    return upstream;
  };

  // Bodies are the service's business: hand the raw stream on, whatever its type, so that a large
  // upload is never buffered and malformed JSON reaches the service that can say what is wrong.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  // A proxy must not retry on its own: by default reply-from repeats a GET answered 503 up to ten times.
  await scope.register(replyFrom, { undici: agent, disableRequestLogging: true, retryMethods: [] });

  // The kit has already verified any token that was sent (a bad one never gets here).
  scope.addHook('onRequest', async (request, reply) => {
    const upstream = upstreamOf(request);
    if (declaresLengthOver(request.headers, bodyLimit)) {
      // The unread body is still on the wire. Up to DRAIN_FACTOR times the limit, Node reads and
      // discards it after the 413, so a client still sending can read the answer; past that the
      // connection is closed rather than spend the bandwidth.
      if (declaresLengthOver(request.headers, bodyLimit * DRAIN_FACTOR)) reply.header('connection', 'close');
      throw payloadTooLargeFor(bodyLimit);
    }
    if (request.principal === null) {
      const path = withoutQuery(upstreamPath(request.url));
      if (await policy.requiresToken(upstream, request.method, path)) throw unauthorized();
    }
  });
  scope.addHook('preParsing', async (request, _reply, payload) =>
    hasBody(request.headers) ? capBody(payload, bodyLimit) : payload,
  );

  scope.all('/api/:service/*', { schema: { hide: true } }, async (request, reply) => {
    const upstream = upstreamOf(request);
    // The hop to the upstream is a client span; its trace context replaces whatever the client sent.
    const hop = startClientSpan(`proxy ${upstream.name}`, upstream.name, {
      'http.request.method': request.method,
      'url.path': withoutQuery(upstreamPath(request.url)),
    });
    reply.raw.once('close', () => hop.end(reply.raw.statusCode));
    return reply.from(upstream.url + upstreamPath(request.url), {
      rewriteRequestHeaders: (_request, headers) => ({
        ...upstreamRequestHeaders(request, headers, PREFIX + upstream.name),
        ...hop.headers,
      }),
      rewriteHeaders: (headers) => clientResponseHeaders(headers, request),
      onError: (_reply, { error }) => {
        if (reply.raw.destroyed) {
          // The client hung up mid-request; that, not the upstream, is why the call failed.
          request.log.info({ upstream: upstream.name }, 'client went away before the upstream answered');
          return;
        }
        const problem = problemForUpstreamFailure(error, upstream.name);
        hop.end(problem.status, error);
        const fields = { upstream: upstream.name, status: problem.status, code: failureCode(error) };
        if (problem.status >= 500) request.log.error(fields, 'upstream request failed');
        else request.log.info(fields, 'request refused');
        if (problem.status === 413) reply.header('connection', 'close');
        sendProblem(reply, problem);
      },
    });
  });
}
