// The processes the local runtime starts, how the gateway names them, and the settings each gets from
// the others' addresses. Start order: local infrastructure, then services, then the gateway.
import { join } from 'node:path';
import { MESH_ADMIN_OFFSET, meshEndpoints } from './mesh-routing.js';

export type ProcessRole = 'infra' | 'service' | 'gateway';

/** Where the runtime's processes listen, for building each one's settings. */
export interface Addresses {
  url(name: string): string;
  /** A port at `offset` from the runtime's port base. */
  portAt(offset: number): number;
  /** The runtime's data folder (embedded stores of the local infrastructure live under it). */
  dataDir: string;
  host: string;
  /** Where callers reach a service through the local mesh (its listener for that destination). */
  meshUrl(name: string): string;
  /** A service's instances: the stable one (v1) and any canary. */
  instancesOf(name: string): Array<{ url: string; version: string }>;
}

export interface ServiceSpec {
  /** Process and database name. */
  name: string;
  role: ProcessRole;
  /** The `{service}` segment of /api/{service}/... at the gateway. */
  route?: string;
  /** Offset from the port base (the gateway has its own port). */
  portOffset: number;
  database: boolean;
  entry: string;
  /** Settings beyond the common ones (PORT, HOST, LOG_LEVEL, JWKS_URL, DATABASE_URL, BUS_URL). */
  env?(at: Addresses): Record<string, string>;
  /** Gets BUS_URL without having a database (the collector reads dead letters). */
  bus?: boolean;
  /** A canary: the service it is another instance of (same code and database), and its version label. */
  instanceOf?: string;
  version?: string;
}

/** The notification sink's SMTP port, right after its HTTP one. */
export const SMTP_PORT_OFFSET = 12;
/** The local collector (8113): every process sends its spans there (OTEL_EXPORTER_OTLP_ENDPOINT). */
export const COLLECTOR_PORT_OFFSET = 13;

export const SERVICES: ServiceSpec[] = [
  {
    // The local mesh: services reach each other through it (deploy/istio/*.yaml, see ADR 0008).
    name: 'mesh',
    role: 'infra',
    portOffset: MESH_ADMIN_OFFSET,
    database: false,
    entry: 'infra/mesh/dist/src/main.js',
    env: (at) => ({
      MESH_CONFIG_DIR: join(at.dataDir, 'mesh'),
      MESH_ENDPOINTS: JSON.stringify(meshEndpoints(at, SERVICES)),
    }),
  },
  {
    name: 'payment-provider',
    role: 'infra',
    portOffset: 10,
    database: false,
    entry: 'infra/payment-provider/dist/src/main.js',
    env: (at) => ({ PROVIDER_DATA_DIR: join(at.dataDir, 'payment-provider') }),
  },
  {
    name: 'notification-sink',
    role: 'infra',
    portOffset: 11,
    database: false,
    entry: 'infra/notification-sink/dist/src/main.js',
    env: (at) => ({
      SINK_DATA_DIR: join(at.dataDir, 'notification-sink'),
      SINK_SMTP_PORT: String(at.portAt(SMTP_PORT_OFFSET)),
    }),
  },
  {
    // The local telemetry collector (infra/collector): traces, scraped metrics, forwarded logs, dead letters.
    name: 'collector',
    role: 'infra',
    route: 'telemetry',
    portOffset: COLLECTOR_PORT_OFFSET,
    database: false,
    bus: true,
    entry: 'infra/collector/dist/src/main.js',
    env: (at) => ({
      COLLECTOR_DATA_DIR: join(at.dataDir, 'collector'),
      COLLECTOR_SCRAPE_TARGETS: SERVICES.filter((s) => s.name !== 'collector')
        .flatMap((s) => at.instancesOf(s.name).map((i) => `${s.name}=${i.url}`))
        .join(','),
    }),
  },
  {
    name: 'users',
    role: 'service',
    route: 'users',
    portOffset: 1,
    database: true,
    entry: 'services/users/dist/src/main.js',
  },
  {
    name: 'catalog',
    role: 'service',
    route: 'products',
    portOffset: 2,
    database: true,
    entry: 'services/catalog/dist/src/main.js',
  },
  {
    name: 'inventory',
    role: 'service',
    route: 'inventory',
    portOffset: 3,
    database: true,
    entry: 'services/inventory/dist/src/main.js',
  },
  {
    name: 'orders',
    role: 'service',
    route: 'orders',
    portOffset: 4,
    database: true,
    entry: 'services/orders/dist/src/main.js',
    env: (at) => ({ CATALOG_URL: at.meshUrl('catalog') }),
  },
  {
    name: 'payments',
    role: 'service',
    route: 'payments',
    portOffset: 5,
    database: true,
    entry: 'services/payments/dist/src/main.js',
    env: (at) => ({ PAYMENT_PROVIDER_URL: at.meshUrl('payment-provider') }),
  },
  {
    name: 'notifications',
    role: 'service',
    route: 'notifications',
    portOffset: 6,
    database: true,
    entry: 'services/notifications/dist/src/main.js',
    env: (at) => ({
      SMTP_HOST: at.host,
      SMTP_PORT: String(at.portAt(SMTP_PORT_OFFSET)),
      SMS_PROVIDER_URL: `${at.meshUrl('notification-sink')}/v1/sms`,
      PUSH_PROVIDER_URL: `${at.meshUrl('notification-sink')}/v1/push`,
    }),
  },
  {
    name: 'analytics',
    role: 'service',
    route: 'analytics',
    portOffset: 7,
    database: true,
    entry: 'services/analytics/dist/src/main.js',
  },
  {
    name: 'gateway',
    role: 'gateway',
    portOffset: 0,
    database: false,
    entry: 'services/gateway/dist/src/main.js',
    // The built web apps (shop, admin, console); tools/cli/dist/src → the repository root.
    env: () => ({ WEB_ROOT: join(import.meta.dirname, '../../../../web/dist') }),
  },
];

export function entryPath(root: string, spec: ServiceSpec): string {
  return join(root, spec.entry);
}
