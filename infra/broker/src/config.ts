// The broker's settings, read once at start.
import { ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const BrokerConfig = Type.Object({
  ...ServiceConfig.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4223 }),
  /** The LMDB environment's folder; created if missing. */
  BROKER_DATA_DIR: Type.String({ minLength: 1 }),
  BROKER_RETENTION_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 1000 }),
});
export type BrokerConfig = Static<typeof BrokerConfig>;
