// One database and one role per service, created on first start and kept as they are after.
// The role owns its database and nothing else; CONNECT is revoked from PUBLIC, so a service's
// role cannot open another service's database.
import pg from 'pg';

export interface ServiceDatabase {
  name: string;
  role: string;
  password: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`"${name}" is not a safe identifier`);
  return `"${name}"`;
}

/** Creates (or brings up to date) the role and database; returns the service's connection string. */
export async function provisionServiceDatabase(adminUrl: string, db: ServiceDatabase): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = quoteIdent(db.role);
    const password = pg.escapeLiteral(db.password);
    // Serialise provisioning across concurrent starters (two CLIs, parallel test files).
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['emporium.provision']);
    const roleExists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [db.role]);
    if (roleExists.rowCount === 0) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${password}`);
    else await admin.query(`ALTER ROLE ${role} LOGIN PASSWORD ${password}`);
    const dbExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    if (dbExists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(db.name)} OWNER ${role}`);
    await admin.query(`REVOKE ALL ON DATABASE ${quoteIdent(db.name)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(db.name)} TO ${role}`);
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', ['emporium.provision']);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.username = db.role;
  url.password = db.password;
  url.pathname = `/${db.name}`;
  return url.toString();
}

/** Drops databases and roles whose names start with `prefix` (test clean-up). */
export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const like = `${prefix.replace(/[_%\\]/g, '\\$&')}%`;
    const dbs = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [like]);
    for (const { datname } of dbs.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    const roles = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [like]);
    for (const { rolname } of roles.rows) await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(rolname)}`);
  } finally {
    await admin.end();
  }
}
