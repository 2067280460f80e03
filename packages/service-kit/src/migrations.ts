// Forward-only SQL migrations: numbered files in a service's migrations/ folder, applied at start in
// one transaction under an advisory lock (two instances starting together apply them once), each
// recorded with a checksum so that editing an applied migration is caught.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Pool, withTransaction } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const LOCK_KEY = 'emporium.schema_migrations';

export async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`migration file ${file} must be named NNNN_lower_snake_name.sql`);
    const sql = await readFile(join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new MigrationError(`two migrations numbered ${version}`);
    migrations.push({ version, name: match[2] ?? file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies pending migrations; returns the versions it applied. A shared package with tables of its own
 * (the outbox) keeps its history in its own `historyTable`, so its numbering never meets the service's.
 */
export async function migrate(pool: Pool, dir: string, historyTable = 'schema_migrations'): Promise<number[]> {
  if (!/^[a-z_]+$/.test(historyTable)) throw new MigrationError(`"${historyTable}" is not a table name`);
  const migrations = await readMigrations(dir);
  return withTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${LOCK_KEY}.${historyTable}`]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${historyTable} (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      `SELECT version, name, checksum FROM ${historyTable} ORDER BY version`,
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    for (const row of rows) {
      const file = migrations.find((m) => m.version === row.version);
      if (!file) throw new MigrationError(`migration ${label(row)} was applied but its file is gone`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(`migration ${label(row)} was edited after it was applied`);
      }
    }
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await tx.query(m.sql);
      await tx.query(`INSERT INTO ${historyTable} (version, name, checksum) VALUES ($1, $2, $3)`, [
        m.version,
        m.name,
        m.checksum,
      ]);
    }
    return pending.map((m) => m.version);
  });
}

const label = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;
