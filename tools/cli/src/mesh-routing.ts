// Where the local mesh listens and what it routes to: one listener per destination at
// portAt(20 + the service's offset) (catalog 8122, payment-provider 8130, notification-sink 8131), its admin port at
// portAt(14), and each destination's instances, canaries included (portAt(40 + offset), by version).
import type { Addresses, ServiceSpec } from './services.js';

export const MESH_ADMIN_OFFSET = 14;
export const MESH_LISTENER_OFFSET = 20;
export const CANARY_OFFSET = 40;

/**
 * Destinations reached through the mesh: every service (the gateway calls them), the payment provider,
 * the notification sink's HTTP side (SMS, push; its SMTP is plain TCP and stays direct) and the collector's
 * API behind the gateway (OTLP export and scrapes go to it directly: telemetry does not ride the mesh it watches).
 */
const MESHED_INFRA = new Set(['payment-provider', 'notification-sink', 'collector']);
export const isMeshed = (spec: ServiceSpec) => spec.role === 'service' || MESHED_INFRA.has(spec.name);

export const meshListenerOffset = (spec: ServiceSpec) => MESH_LISTENER_OFFSET + spec.portOffset;

export interface MeshDestination {
  port: number;
  instances: Array<{ url: string; labels: { version: string } }>;
}

/** MESH_ENDPOINTS for the mesh process. */
export function meshEndpoints(at: Addresses, services: ServiceSpec[]): Record<string, MeshDestination> {
  return Object.fromEntries(
    services.filter(isMeshed).map((spec) => [
      spec.name,
      {
        port: at.portAt(meshListenerOffset(spec)),
        instances: at.instancesOf(spec.name).map((i) => ({ url: i.url, labels: { version: i.version } })),
      },
    ]),
  );
}
