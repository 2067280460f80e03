// Outgoing HTTP calls between services (orders → catalog, payments → provider): a client span around
// fetch, the traceparent injected into the request, and the call's duration in the
// http_client_request_duration_seconds histogram.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Histogram } from 'prom-client';
import { failSpan, injectTraceHeaders } from './context.js';
import { tracer } from './tracing.js';

const clientDuration = new Histogram({
  name: 'http_client_request_duration_seconds',
  help: 'Duration of HTTP calls this process made, by peer service, method and status code (0 = no answer)',
  labelNames: ['peer', 'method', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** fetch, traced: `peer` names the service called (its span's peer.service and the metric's label). */
export async function tracedFetch(url: string, init: RequestInit, peer: string): Promise<Response> {
  const target = new URL(url);
  const method = (init.method ?? 'GET').toUpperCase();
  const span = tracer().startSpan(`${method} ${peer}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'url.full': `${target.origin}${target.pathname}`,
      'server.address': target.hostname,
      'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
      'peer.service': peer,
    },
  });
  const active = trace.setSpan(context.active(), span);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => {
    headers[key] = value;
  });
  injectTraceHeaders(headers, active);
  const started = performance.now();
  let status = 0;
  try {
    const response = await context.with(active, () => fetch(url, { ...init, headers }));
    status = response.status;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
    return response;
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
    clientDuration.observe({ peer, method, status_code: String(status) }, (performance.now() - started) / 1000);
  }
}

export interface ClientSpan {
  /** Headers carrying the span's trace context, for the outgoing request. */
  headers: Record<string, string>;
  end(statusCode: number, error?: unknown): void;
}

/**
 * A client span for a call made by other means than fetch (the gateway's proxy): a child of the active
 * span, or nothing when no traced work is active (untraced paths stay untraced downstream).
 */
export function startClientSpan(name: string, peer: string, attributes: Record<string, string | number>): ClientSpan {
  const parent = trace.getActiveSpan();
  if (!parent) return { headers: {}, end() {} };
  const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes: { 'peer.service': peer, ...attributes } });
  const headers: Record<string, string> = {};
  injectTraceHeaders(headers, trace.setSpan(context.active(), span));
  let ended = false;
  return {
    headers,
    end(statusCode, error) {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', statusCode);
      if (error !== undefined) failSpan(span, error);
      else if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${statusCode}` });
      span.end();
    },
  };
}
