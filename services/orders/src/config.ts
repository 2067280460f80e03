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
  /** How often expired saga steps are looked for. */
  SAGA_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 10, default: 500 }),
});
export type OrdersConfig = Static<typeof OrdersConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
