// Whether a request without a token may go through, judged from each upstream's OpenAPI document.
// Documents are fetched on a service's first request, kept for a TTL, then refreshed in the
// background while the old rules keep answering. A document that cannot be read means the request
// is forwarded anyway: the service checks tokens again, so the gateway's check is an early refusal,
// not the only one.
import type { FastifyBaseLogger } from 'fastify';
import { type AccessRules, compileAccessRules } from './openapi-access.js';
import type { Upstream } from './upstreams.js';

export interface RoutePolicy {
  requiresToken(upstream: Upstream, method: string, path: string): Promise<boolean>;
}

export interface RoutePolicyOptions {
  fetchDocument: (upstream: Upstream) => Promise<unknown>;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** How long a fetched document is trusted before it is fetched again. */
  ttlMs?: number;
  /** How long to wait before asking again after a failed fetch, so a down service is not asked per request. */
  retryAfterMs?: number;
  now?: () => number;
}

interface Entry {
  rules: AccessRules | null;
  expiresAt: number;
}

export function createRoutePolicy(options: RoutePolicyOptions): RoutePolicy {
  const { fetchDocument, log, ttlMs = 30_000, retryAfterMs = 5_000, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Entry>>();

  const compile = (upstream: Upstream, document: unknown): Entry => {
    const { rules, skipped } = compileAccessRules(document);
    if (skipped.length > 0) log.warn({ upstream: upstream.name, skipped }, 'some OpenAPI paths cannot be routed');
    return { rules, expiresAt: now() + ttlMs };
  };
  const keepPrevious = (upstream: Upstream, error: unknown): Entry => {
    log.warn(
      { upstream: upstream.name, err: error },
      'cannot read the OpenAPI document; requests without a token go through for the service to judge',
    );
    return { rules: entries.get(upstream.name)?.rules ?? null, expiresAt: now() + retryAfterMs };
  };

  /** One fetch per upstream at a time; never rejects. */
  const load = (upstream: Upstream): Promise<Entry> => {
    const inFlight = loading.get(upstream.name);
    if (inFlight) return inFlight;
    const entry = fetchDocument(upstream)
      .then((document) => compile(upstream, document))
      .catch((error: unknown) => keepPrevious(upstream, error))
      .then((loaded) => {
        entries.set(upstream.name, loaded);
        loading.delete(upstream.name);
        return loaded;
      });
    loading.set(upstream.name, entry);
    return entry;
  };

  return {
    async requiresToken(upstream, method, path) {
      const cached = entries.get(upstream.name);
      if (cached && cached.expiresAt <= now()) void load(upstream);
      const entry = cached ?? (await load(upstream));
      return entry.rules?.requiresToken(method, path) ?? false;
    },
  };
}
