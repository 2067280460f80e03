// A server span for every HTTP request: started where Node hands the request over (Fastify's
// serverFactory), so the whole request — hooks, body parsing, handler, everything they await — runs
// inside it. The parent comes from the request's traceparent; the response carries the span's own.
// Health probes, /metrics and paths the service names (untraced) get no span.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { failSpan, traceparentOf } from './context.js';
import { tracer } from './tracing.js';

const ALWAYS_UNTRACED = /^\/(healthz|readyz|metrics)(\?|$)/;

export function tracedServerFactory(untraced?: RegExp) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void): Server =>
    createServer((req, res) => {
      const url = req.url ?? '/';
      if (ALWAYS_UNTRACED.test(url) || untraced?.test(url)) {
        context.with(ROOT_CONTEXT, () => handler(req, res));
        return;
      }
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      const span = tracer().startSpan(
        req.method ?? 'HTTP',
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': req.method ?? '',
            'url.path': url.split('?', 1)[0] ?? url,
            'network.peer.address': req.socket.remoteAddress ?? '',
          },
        },
        parent,
      );
      const active = trace.setSpan(parent, span);
      // Listeners added to the request and response later (body parsing, 'finish') run in this context too.
      context.bind(active, req);
      context.bind(active, res);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
        if (!res.writableFinished) span.setAttribute('http.response.aborted', true);
        span.end();
      };
      res.once('finish', end);
      res.once('close', end);
      context.with(active, () => handler(req, res));
    });
}

/** Names each server span after its route, sends the traceparent back, and records errors. */
export function registerServerSpanHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const span = trace.getActiveSpan();
    if (!span) return;
    const route = request.routeOptions.url;
    if (route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('emporium.request_id', request.id);
    const traceparent = traceparentOf();
    if (traceparent) reply.header('traceparent', traceparent);
  });
  app.addHook('onError', async (_request, reply, error) => {
    const span = trace.getActiveSpan();
    if (span && (reply.statusCode >= 500 || !('statusCode' in error) || Number(error.statusCode) >= 500)) {
      failSpan(span, error);
    }
  });
}
