// The machine's own PostgreSQL (the infrastructure mode's database in CI), when it answers.
import pg from 'pg';

export const MACHINE_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function machinePostgresUrl(url = process.env.EMPORIUM_TEST_MACHINE_PG_URL ?? MACHINE_PG_URL) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
