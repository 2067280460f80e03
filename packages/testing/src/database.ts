// Each test file gets its own fresh database on the run's embedded server, dropped at the end.
import { randomBytes } from 'node:crypto';
import { dropDatabasesWithPrefix, quoteIdent } from '@emporium/local-postgres';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function testAdminUrl(): string {
  const url = process.env.EMPORIUM_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('EMPORIUM_TEST_PG_ADMIN_URL is not set: run the tests with `npm test`');
  return url;
}

/** Creates database `name` on the server of `adminUrl` (a superuser's URL) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const adminUrl = testAdminUrl();
  const name = `t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  return { url: await createDatabase(adminUrl, name), drop: () => dropDatabasesWithPrefix(adminUrl, name) };
}
