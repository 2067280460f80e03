// The analytics service's settings, read once at start: the kit's service, database, messaging and
// token-checking settings.
import { fileURLToPath } from 'node:url';
import { MessagingConfig } from '@emporium/messaging';
import { AuthConfig, DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const AnalyticsConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  ...AuthConfig.properties,
});
export type AnalyticsConfig = Static<typeof AnalyticsConfig>;

/** The migrations folder, resolved from the compiled file (dist/src/config.js → ../../migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
