// Inventory's settings, read once at start: the kit's service, database, messaging and token-checking
// settings, and the low-stock threshold given to products stocked for the first time.
import { fileURLToPath } from 'node:url';
import { MessagingConfig } from '@emporium/messaging';
import { AuthConfig, DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const InventoryConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  ...AuthConfig.properties,
  INVENTORY_LOW_STOCK_THRESHOLD: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 5 }),
});
export type InventoryConfig = Static<typeof InventoryConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
