// The deployables the local runtime starts, in start order, and how the gateway names them.
import { join } from 'node:path';

export interface ServiceSpec {
  /** Process and database name. */
  name: string;
  /** The `{service}` segment of /api/{service}/... at the gateway; undefined for the gateway itself. */
  route?: string;
  /** Offset from the port base (the gateway has its own port). */
  portOffset: number;
  database: boolean;
  entry: string;
}

export const SERVICES: ServiceSpec[] = [
  { name: 'users', route: 'users', portOffset: 1, database: true, entry: 'services/users/dist/src/main.js' },
  { name: 'catalog', route: 'products', portOffset: 2, database: true, entry: 'services/catalog/dist/src/main.js' },
  { name: 'gateway', portOffset: 0, database: false, entry: 'services/gateway/dist/src/main.js' },
];

export function entryPath(root: string, spec: ServiceSpec): string {
  return join(root, spec.entry);
}
