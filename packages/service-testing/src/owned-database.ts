// A database as services get it in production: owned by its own role, which is not a superuser, on the
// run's embedded PostgreSQL or on the machine's. Migration tests run on both, as the shop does.
import { randomBytes } from 'node:crypto';
import { dropDatabasesWithPrefix, provisionServiceDatabase } from '@emporium/local-postgres';
import { createPool, type Pool } from '@emporium/service-kit';
import { testAdminUrl } from '@emporium/testing';

export const POSTGRES_SERVERS = ['embedded', 'machine'] as const;
export type PostgresServer = (typeof POSTGRES_SERVERS)[number];

/**
 * Runs `work` with a pool on a fresh database owned by a non-superuser role, then drops it. Returns
 * false without running when that server is not available (the machine's, outside CI).
 */
export async function withOwnedDatabase(
  server: PostgresServer,
  label: string,
  work: (pool: Pool) => Promise<void>,
): Promise<boolean> {
  const adminUrl = server === 'embedded' ? testAdminUrl() : process.env.EMPORIUM_TEST_MACHINE_PG_URL;
  if (!adminUrl) return false;
  const name = `t_${label}_owner_${randomBytes(4).toString('hex')}`;
  const url = await provisionServiceDatabase(adminUrl, { name, role: name, password: randomBytes(12).toString('hex') });
  const pool = createPool(url, 2);
  try {
    const { rows } = await pool.query<{ superuser: boolean }>(
      'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
    );
    if (rows[0]?.superuser !== false) throw new Error('the owning role must not be a superuser');
    await work(pool);
    return true;
  } finally {
    await pool.end();
    await dropDatabasesWithPrefix(adminUrl, name);
  }
}
