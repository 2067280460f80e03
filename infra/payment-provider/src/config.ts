// The payment provider simulator's settings, read once at start.
import { ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const ProviderConfig = Type.Object({
  ...ServiceConfig.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4300 }),
  /** The LMDB environment's folder (charges, refunds, idempotency keys); created if missing. */
  PROVIDER_DATA_DIR: Type.String({ minLength: 1 }),
  /** Added to every charge and refund request, as a real provider's round trip would be. */
  PROVIDER_LATENCY_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 15 }),
  /** The fraction of charge and refund requests answered 503 before anything is done. */
  PROVIDER_ERROR_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0 }),
  /** The extra delay of the pm_card_slow test card. */
  PROVIDER_SLOW_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 5000 }),
});
export type ProviderConfig = Static<typeof ProviderConfig>;
