// The runtime's PostgreSQL: our own embedded server (default) or the machine's (EMPORIUM_INFRA=local),
// and one database and role per service on it.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalSecrets, provisionServiceDatabase } from '@emporium/local-postgres';
import type { Settings } from '../settings.js';
import { type ManagedProcess, spawnManaged, stopManaged, waitForLine } from './supervisor.js';

const SERVER_SCRIPT = fileURLToPath(import.meta.resolve('@emporium/local-postgres/server-process'));

export interface RuntimeDatabase {
  adminUrl: string;
  process?: ManagedProcess;
  urlFor(service: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startDatabase(
  settings: Settings,
  onLine: (name: string, line: string) => void,
): Promise<RuntimeDatabase> {
  const secrets = await loadLocalSecrets(join(settings.dataDir, 'secret'));
  const urlFor = (adminUrl: string) => (service: string) =>
    provisionServiceDatabase(adminUrl, {
      name: `${settings.dbPrefix}${service}`,
      role: `${settings.dbPrefix}${service}`,
      password: secrets.passwordFor(service),
    });

  if (settings.infra === 'local') {
    return { adminUrl: settings.pgAdminUrl, urlFor: urlFor(settings.pgAdminUrl), stop: async () => {} };
  }
  const superuserPassword = secrets.passwordFor('postgres');
  const proc = spawnManaged({
    name: 'postgres',
    script: SERVER_SCRIPT,
    env: {
      PG_DATA_DIR: join(settings.dataDir, 'postgres'),
      PG_PORT: String(settings.pgPort),
      PG_SUPERUSER_PASSWORD: superuserPassword,
    },
    // PostgreSQL's own chatter (initdb progress, checkpoints) is left out; problems are shown.
    onLine: (name, line) => {
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b|did not start|must be set/.test(line)) onLine(name, line);
    },
  });
  try {
    await waitForLine(proc, (line) => line.startsWith('{"ready"'), 60_000);
  } catch (error) {
    await stopManaged(proc, 15_000);
    throw error;
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${settings.pgPort}/postgres`;
  return {
    adminUrl,
    process: proc,
    urlFor: urlFor(adminUrl),
    stop: async () => void (await stopManaged(proc, 15_000)),
  };
}
