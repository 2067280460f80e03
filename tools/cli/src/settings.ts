// The CLI's settings: environment variables with defaults, overridable by flags. Read once.
import { resolve } from 'node:path';
import { DEFAULT_EMBEDDED_PORT } from '@emporium/local-postgres';
import { type Canary, parseCanaries } from './canaries.js';

export type InfraMode = 'embedded' | 'local';

export interface Settings {
  root: string;
  infra: InfraMode;
  dataDir: string;
  /** embedded mode: the port of our own PostgreSQL server. */
  pgPort: number;
  /** local mode: a superuser connection string to the machine's PostgreSQL. */
  pgAdminUrl: string;
  /** local mode: the NATS JetStream server the services use. */
  busUrl: string;
  gatewayPort: number;
  portBase: number;
  host: string;
  dbPrefix: string;
  admin: { email: string; password: string } | undefined;
  logLevel: string;
  /** Second instances of services under another version label (EMPORIUM_CANARIES, --canary). */
  canaries: Canary[];
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (got "${value}")`);
  return n;
}

export function readSettings(root: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const infra = env.EMPORIUM_INFRA ?? 'embedded';
  if (infra !== 'embedded' && infra !== 'local') {
    throw new Error(`EMPORIUM_INFRA must be "embedded" or "local" (got "${infra}")`);
  }
  const dbPrefix = env.EMPORIUM_DB_PREFIX ?? 'emporium_';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(dbPrefix)) throw new Error(`EMPORIUM_DB_PREFIX "${dbPrefix}" is not a safe name`);
  const adminEmail = env.EMPORIUM_ADMIN_EMAIL ?? (infra === 'embedded' ? 'admin@emporium.local' : undefined);
  const adminPassword = env.EMPORIUM_ADMIN_PASSWORD ?? (infra === 'embedded' ? 'emporium-admin' : undefined);
  return {
    root,
    infra,
    dataDir: resolve(root, env.EMPORIUM_DATA_DIR ?? '.data'),
    pgPort: integer('EMPORIUM_PG_PORT', env.EMPORIUM_PG_PORT, DEFAULT_EMBEDDED_PORT),
    pgAdminUrl: env.EMPORIUM_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    busUrl: env.EMPORIUM_BUS_URL ?? 'nats://127.0.0.1:4222',
    gatewayPort: integer('EMPORIUM_GATEWAY_PORT', env.EMPORIUM_GATEWAY_PORT, 8080),
    portBase: integer('EMPORIUM_PORT_BASE', env.EMPORIUM_PORT_BASE, 8100),
    host: '127.0.0.1',
    dbPrefix,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    logLevel: env.EMPORIUM_LOG_LEVEL ?? 'info',
    canaries: parseCanaries(env.EMPORIUM_CANARIES ?? ''),
  };
}
