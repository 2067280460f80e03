// The real gateway in front of a provider, for pacts of clients that only ever call the gateway (the
// storefront): their paths are /api/{route}/..., and the gateway's routing and token check are part of
// what they rely on.
import { buildApp } from '@emporium/gateway/dist/src/app.js';
import { GatewayConfig } from '@emporium/gateway/dist/src/config.js';
import { parseConfig, type TokenVerifier } from '@emporium/service-kit';

export interface GatewayFront {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway on a free port with `routes` (gateway name → upstream URL) and the given verifier. */
export async function startGatewayFront(
  routes: Record<string, string>,
  verifier: TokenVerifier,
): Promise<GatewayFront> {
  const config = parseConfig(GatewayConfig, {
    UPSTREAMS: Object.entries(routes)
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    JWKS_URL: 'http://127.0.0.1:9/the-verifier-is-given',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ config, verifier });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
