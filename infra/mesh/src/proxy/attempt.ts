// One try of a request against one upstream instance: the request's headers (minus hop-by-hop ones)
// plus x-envoy-attempt-count, its buffered body, and a timer that ends the try at its per-try timeout.
import type { IncomingHttpHeaders } from 'node:http';
import { HOP_BY_HOP_HEADERS } from '@emporium/service-kit';
import type { Dispatcher, Pool } from 'undici';

export type TryOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Dispatcher.ResponseData['body'];
    }
  | { kind: 'connect-failure' | 'reset' | 'timeout'; detail: string };

export interface TryRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
  attempt: number;
  timeoutMs: number | undefined;
  /** Aborted when the caller goes away. */
  signal: AbortSignal;
}

/** Connection-specific fields, plus the ones the mesh sets itself for the upstream connection. */
export const HOP_BY_HOP = new Set([...HOP_BY_HOP_HEADERS, 'host', 'content-length']);

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function upstreamHeaders(request: TryRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const named = new Set(
    String(request.headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase()),
  );
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    headers[name] = value;
  }
  headers['x-envoy-attempt-count'] = String(request.attempt);
  if (request.body) headers['content-length'] = String(request.body.length);
  return headers;
}

function codeOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
  }
  return 'UNKNOWN';
}

/** Reads away a body the caller will not get, so its connection can serve the next request. */
export function discard(body: Dispatcher.ResponseData['body']): void {
  body.dump().catch(() => body.destroy());
}

export async function sendTry(pool: Pool, request: TryRequest): Promise<TryOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    request.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, request.timeoutMs);
  const onCallerGone = () => controller.abort();
  request.signal.addEventListener('abort', onCallerGone, { once: true });
  try {
    const response = await pool.request({
      method: request.method as 'GET',
      path: request.path,
      headers: upstreamHeaders(request),
      body: request.body ?? null,
      signal: controller.signal,
    });
    return { kind: 'response', status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    if (timedOut) return { kind: 'timeout', detail: `no response within ${request.timeoutMs} ms` };
    const code = codeOf(error);
    if (CONNECT_FAILURES.has(code)) return { kind: 'connect-failure', detail: code };
    return { kind: 'reset', detail: `${code}: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onCallerGone);
  }
}
