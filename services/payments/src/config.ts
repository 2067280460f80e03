// Payments' settings, read once at start: the kit's service, database, messaging and token-checking
// settings, the payment provider, and how long its calls are retried.
import { fileURLToPath } from 'node:url';
import { MessagingConfig } from '@emporium/messaging';
import { AuthConfig, DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const PaymentsConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  ...AuthConfig.properties,
  PAYMENT_PROVIDER_URL: Type.String({
    pattern: '^https?://',
    description: 'the payment provider (simulator) base URL',
  }),
  /** Above the simulator's slow-card delay (5 s by default), so a slow charge is not taken for an outage. */
  PROVIDER_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
  /** Provider calls per charge (retried with exponential backoff) before PaymentFailed provider_unavailable. */
  CHARGE_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
  /** Provider calls per refund before it is marked failed for a person to finish (about four days). */
  REFUND_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 24, default: 24 }),
  /**
   * After a charge failed `provider_unavailable`, how long until the provider's charges for the order are
   * listed and any it made after all are refunded. Longer than any charge can stay in flight.
   */
  RECONCILE_AFTER_MS: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 120_000 }),
  /** Provider calls this process makes at once. */
  JOB_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
});
export type PaymentsConfig = Static<typeof PaymentsConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
