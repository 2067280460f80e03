// Runs the simulator in-process on a throwaway data folder for a test file, with small factories for
// requests and helpers named after its routes (each returns the raw inject response).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceApp } from '@emporium/service-kit';
import { buildProviderApp } from '../../src/app.js';
import type { ProviderSettings } from '../../src/domain/settings.js';

export interface TestProvider {
  app: ServiceApp;
  close(): Promise<void>;
}

/** No latency unless a test asks: the suite stays fast. */
export async function startTestProvider(settings: Partial<ProviderSettings> = {}): Promise<TestProvider> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-provider-test-'));
  const app = await buildProviderApp({ dataDir, logLevel: 'silent', settings: { latency_ms: 0, ...settings } });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ChargeBody {
  amount: number;
  currency: string;
  payment_method: string;
  reference: string;
}

/** A charge of $12.99 on a card that succeeds, for a new reference. */
export const chargeBody = (overrides: Partial<ChargeBody> = {}): ChargeBody => ({
  amount: 1299,
  currency: 'USD',
  payment_method: 'pm_card_visa',
  reference: `order-${randomUUID()}`,
  ...overrides,
});

export const newKey = () => `key-${randomUUID()}`;

export function api(app: ServiceApp) {
  // A null key sends none.
  const post = (url: string, payload: object, key: string | null) =>
    app.inject({ method: 'POST', url, payload, headers: key === null ? {} : { 'idempotency-key': key } });
  return {
    charge: (body: object, key: string | null = newKey()) => post('/v1/charges', body, key),
    refund: (body: object, key: string | null = newKey()) => post('/v1/refunds', body, key),
    chargesFor: async (reference: string) =>
      (await app.inject({ method: 'GET', url: '/v1/charges', query: { reference } })).json<{ data: Charge[] }>().data,
    getCharge: (id: string) => app.inject({ method: 'GET', url: `/v1/charges/${id}` }),
    settings: () => app.inject({ method: 'GET', url: '/v1/settings' }),
    changeSettings: (payload: object) => app.inject({ method: 'PUT', url: '/v1/settings', payload }),
  };
}

export interface Charge {
  id: string;
  status: string;
  amount: number;
  amount_refunded: number;
  refunded: boolean;
  reference: string;
  refunds?: Array<{ id: string; amount: number }>;
}

export interface ProviderError {
  error: { code: string; decline_code?: string };
}
