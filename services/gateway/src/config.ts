// The gateway's settings, read once at start: the kit's service and token-checking settings, the
// upstream table, and the limits the gateway enforces before anything reaches a service.
import { AuthConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';
import { upstreamListErrors } from './upstreams.js';

export const GatewayConfig = Type.Object({
  ...ServiceConfig.properties,
  ...AuthConfig.properties,
  /** `name=url,name=url`, e.g. `users=http://127.0.0.1:8101,products=http://127.0.0.1:8102`. */
  UPSTREAMS: Type.Refine(
    Type.String(),
    (list) => upstreamListErrors(list).length === 0,
    (list) => upstreamListErrors(list).join('; '),
  ),
  /** How long an upstream may take to start answering before the client gets a 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 10_000 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 0, default: 1_048_576 }),
  /** Comma-separated origins allowed to call the API from a browser; `*` allows any. */
  CORS_ORIGINS: Type.String({ default: '*' }),
  /** The web apps' build folder (web/dist): shop at /, admin at /admin/, console at /console/. Empty: API only. */
  WEB_ROOT: Type.String({ default: '' }),
});
export type GatewayConfig = Static<typeof GatewayConfig>;

/** CORS_ORIGINS as @fastify/cors takes it: `*`, or the list of allowed origins. */
export function corsOrigin(value: string): string | string[] {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}
