// The notification sink's settings, read once at start.
import { ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const SinkConfig = Type.Object({
  ...ServiceConfig.properties,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4250 }),
  SINK_SMTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 2525 }),
  /** The LMDB environment's folder; created if missing. */
  SINK_DATA_DIR: Type.String({ minLength: 1 }),
  /** Larger mail is refused with 552, as a real server would. */
  SINK_MAX_MESSAGE_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 10 * 1024 * 1024 }),
});
export type SinkConfig = Static<typeof SinkConfig>;
