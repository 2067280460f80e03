// The orders service's settings, read once at start: the kit's settings, where the catalog is, and
// how long each saga step may take.
import { fileURLToPath } from 'node:url';
import { MessagingConfig } from '@emporium/messaging';
import { AuthConfig, DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const OrdersConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  ...AuthConfig.properties,
  /** The catalog, by name (locally the mesh's address for it); prices are read from it at order time. */
  CATALOG_URL: Type.String({ pattern: '^https?://' }),
  CATALOG_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  ORDER_RESERVE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000 }),
  ORDER_PAYMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** How often expired saga steps are looked for (and the reservation lag read, for admission). */
  SAGA_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 10, default: 500 }),
  /**
   * New orders are refused (429, Retry-After) while the oldest order still waiting for its stock has
   * waited longer than this: past it, a new order would likely time out and be rejected. 0: never refuse.
   */
  ORDER_ADMISSION_MAX_LAG_MS: Type.Integer({ minimum: 0, default: 7_500 }),
});
export type OrdersConfig = Static<typeof OrdersConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
