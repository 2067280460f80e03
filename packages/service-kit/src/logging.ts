// JSON logs (pino) with the service's name and version on every line, the active trace and span ids
// (so a line leads to its trace and a trace to its lines), and secrets redacted: credentials, tokens
// and card data never reach a log, whatever a handler passes to it.
import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Field names whose values are secrets wherever they appear (top level and up to two levels down). */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'current_password',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'secret',
  'api_key',
  'authorization',
  'cookie',
  'card_number',
  'cvc',
  'cvv',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
];

/** Query parameters whose values are secrets (an event stream's token, a reset link's code). */
const SECRET_QUERY = /([?&](?:access_token|token|refresh_token|password|code|api_key)=)[^&#]*/gi;

/** `url` with the values of secret query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return traceId && traceId !== '00000000000000000000000000000000' ? { trace_id: traceId, span_id: spanId } : {};
}

export function loggerOptions(service: string, version: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, version, pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceFields,
  };
}

/** A logger with the kit's options, writing to `destination` (default stdout); tests capture lines with it. */
export function createLogger(service: string, version: string, level: string, destination?: DestinationStream): Logger {
  return pino(loggerOptions(service, version, level), destination);
}
