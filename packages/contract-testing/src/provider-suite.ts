// What every provider's verification test shares: the app served on a free port with the real gateway
// in front (for the storefront's pacts), and one test per committed pact that names the provider.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ServiceApp, TokenVerifier } from '@emporium/service-kit';
import { startGatewayFront } from './gateway-front.js';
import { type ProviderOptions, pactsOf, verifyPact } from './provider-verification.js';

export interface ServedProvider {
  /** The app itself, as services call it. */
  url: string;
  /** The gateway in front of it, as the storefront calls it. */
  gatewayUrl: string;
  /** Stops the gateway (the app is closed by its own harness). */
  close(): Promise<void>;
}

/** Serves `app` on a free port, with the gateway routing `route` to it and checking tokens with `verifier`. */
export async function serveWithGateway(
  app: ServiceApp,
  route: string,
  verifier: TokenVerifier,
): Promise<ServedProvider> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const gateway = await startGatewayFront({ [route]: url }, verifier);
  return { url, gatewayUrl: gateway.url, close: () => gateway.close() };
}

/** Registers one test per committed pact naming `options.provider`, and one that there is at least one. */
export function itHonoursEveryPact(options: ProviderOptions): void {
  const pacts = pactsOf(options.provider);
  it(`has pacts naming ${options.provider} to verify`, () => assert.ok(pacts.length > 0));
  for (const { path, pact } of pacts) {
    it(`honours its pact with ${pact.consumer.name}`, () => verifyPact(path, pact, options));
  }
}
