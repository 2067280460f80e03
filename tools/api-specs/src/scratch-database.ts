// A throwaway PostgreSQL database for building apps whose construction reads their database (users
// loads its signing keys). Under `npm test` it is a fresh database on the run's server; run by hand,
// an ephemeral embedded PostgreSQL is started for the duration.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabasesWithPrefix } from '@emporium/local-postgres';
import { startEmbeddedPostgres } from '@emporium/local-postgres/embedded';
import { createDatabase, freePort } from '@emporium/testing';

export interface ScratchDatabase {
  url: string;
  close(): Promise<void>;
}

export async function openScratchDatabase(adminUrl = process.env.EMPORIUM_TEST_PG_ADMIN_URL): Promise<ScratchDatabase> {
  if (adminUrl) return createDatabaseOn(adminUrl, async () => {});
  const server = await startEmbeddedPostgres({
    dataDir: await mkdtemp(join(tmpdir(), 'emporium-api-specs-pg-')),
    port: await freePort(),
    superuserPassword: randomBytes(12).toString('hex'),
    ephemeral: true,
  });
  try {
    return await createDatabaseOn(server.adminUrl(), () => server.stop());
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function createDatabaseOn(adminUrl: string, stopServer: () => Promise<void>): Promise<ScratchDatabase> {
  const name = `api_specs_${randomBytes(4).toString('hex')}`;
  return {
    url: await createDatabase(adminUrl, name),
    async close() {
      await dropDatabasesWithPrefix(adminUrl, name);
      await stopServer();
    },
  };
}
