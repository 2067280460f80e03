// The console's URLs under /console, read and written with the history API: one place that knows every
// page's path, so links and the router cannot disagree.

export const CONSOLE_BASE = '/console';

export type Route =
  | { page: 'overview' }
  | { page: 'service'; name: string }
  | { page: 'traces'; query: TraceQuery }
  | { page: 'trace'; id: string }
  | { page: 'order'; id: string }
  | { page: 'logs'; query: LogQuery }
  | { page: 'dead-letters' }
  | { page: 'slos' }
  | { page: 'not-found'; path: string };

export interface TraceQuery {
  service?: string;
  order_id?: string;
  error?: boolean;
  min_duration_ms?: number;
}

export interface LogQuery {
  service?: string;
  trace_id?: string;
  level?: string;
  q?: string;
}

export function parseRoute(pathname: string, params: URLSearchParams): Route {
  const rest = pathname.startsWith(CONSOLE_BASE) ? pathname.slice(CONSOLE_BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (parts.length === 0) return { page: 'overview' };
  if (first === 'services' && second && parts.length === 2) return { page: 'service', name: second };
  if (first === 'traces' && parts.length === 1) return { page: 'traces', query: traceQueryOf(params) };
  if (first === 'traces' && second && parts.length === 2) return { page: 'trace', id: second };
  if (first === 'orders' && second && parts.length === 2) return { page: 'order', id: second };
  if (first === 'logs' && parts.length === 1) return { page: 'logs', query: logQueryOf(params) };
  if (first === 'dead-letters' && parts.length === 1) return { page: 'dead-letters' };
  if (first === 'slos' && parts.length === 1) return { page: 'slos' };
  return { page: 'not-found', path: pathname };
}

function traceQueryOf(params: URLSearchParams): TraceQuery {
  const query: TraceQuery = {};
  const service = params.get('service');
  const orderId = params.get('order_id');
  const minDuration = Number(params.get('min_duration_ms'));
  if (service) query.service = service;
  if (orderId) query.order_id = orderId;
  if (params.get('error') === 'true') query.error = true;
  if (Number.isFinite(minDuration) && minDuration > 0) query.min_duration_ms = minDuration;
  return query;
}

function logQueryOf(params: URLSearchParams): LogQuery {
  const query: LogQuery = {};
  for (const key of ['service', 'trace_id', 'level', 'q'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

function withQuery(path: string, query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const seg = encodeURIComponent;

export const paths = {
  overview: () => `${CONSOLE_BASE}/`,
  service: (name: string) => `${CONSOLE_BASE}/services/${seg(name)}`,
  traces: (query: TraceQuery = {}) => withQuery(`${CONSOLE_BASE}/traces`, query),
  trace: (id: string) => `${CONSOLE_BASE}/traces/${seg(id)}`,
  order: (id: string) => `${CONSOLE_BASE}/orders/${seg(id)}`,
  logs: (query: LogQuery = {}) => withQuery(`${CONSOLE_BASE}/logs`, query),
  deadLetters: () => `${CONSOLE_BASE}/dead-letters`,
  slos: () => `${CONSOLE_BASE}/slos`,
};
