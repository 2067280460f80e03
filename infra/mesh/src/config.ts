// The mesh process's settings, read once at start.
import { ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const MeshSettings = Type.Object({
  ...ServiceConfig.properties,
  /** The admin port: /metrics, /healthz, /readyz, /v1/config. */
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8114 }),
  /** The folder of Istio resources (VirtualService, DestinationRule, ...), watched for changes. */
  MESH_CONFIG_DIR: Type.String({ minLength: 1 }),
  /** JSON: each destination's listener port and instances (see endpoints.ts). */
  MESH_ENDPOINTS: Type.String({ minLength: 2 }),
  /** Request bodies are buffered for retries up to this size; larger ones get 413. */
  MESH_MAX_BODY_BYTES: Type.Integer({ minimum: 1024, maximum: 256 * 1024 * 1024, default: 16 * 1024 * 1024 }),
});
export type MeshSettings = Static<typeof MeshSettings>;
