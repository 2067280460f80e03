// The collector's settings, read once at start: where it keeps its store and for how long, what it
// scrapes and how often, the service catalog, the broker (for dead letters) and token checking.
import { resolve } from 'node:path';
import { AuthConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const CollectorConfig = Type.Object({
  ...ServiceConfig.properties,
  ...AuthConfig.properties,
  COLLECTOR_DATA_DIR: Type.String({ minLength: 1 }),
  COLLECTOR_RETENTION_HOURS: Type.Number({ exclusiveMinimum: 0, default: 24 }),
  /** `name=url,...`: the processes whose /metrics are scraped (a name may repeat, one per instance). */
  COLLECTOR_SCRAPE_TARGETS: Type.String({ default: '' }),
  COLLECTOR_SCRAPE_INTERVAL_MS: Type.Integer({ minimum: 100, default: 15_000 }),
  SERVICE_CATALOG_PATH: Type.String({ default: resolve(import.meta.dirname, '../../../../service-catalog.yaml') }),
  /** The broker, for dead letters; without it /v1/dead-letters answers 503. */
  BUS_URL: Type.Optional(Type.String({ pattern: '^(nats|https?)://' })),
});
export type CollectorConfig = Static<typeof CollectorConfig>;
