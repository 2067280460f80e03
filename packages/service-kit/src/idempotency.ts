// Idempotent writes, one reusable wrapper (like eShop's IdentifiedCommand): the first request with an
// Idempotency-Key runs and its response is stored in the same transaction as its effect; a replay
// with the same key and body gets that response back; the same key with another body is 409.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import type { Pool, PoolClient } from './db.js';
import { conflict } from './errors.js';
import { migrate } from './migrations.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Creates the idempotency_keys table in a service's database (its own migration history). */
export function migrateIdempotency(pool: Pool): Promise<number[]> {
  return migrate(pool, MIGRATIONS, 'idempotency_schema_migrations');
}

/** The `Idempotency-Key` request header, for route schemas (`headers: IdempotencyHeaders`). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'Makes the request safe to retry: a replay with the same key and body returns the first response.',
    }),
  ),
});

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotentRequest {
  /** Whose keys these are (e.g. `orders:<user id>`): two callers may use the same key. */
  scope: string;
  key: string;
  /** What was asked (the body and anything else that makes two requests the same). */
  request: unknown;
}

const hashOf = (request: unknown) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * Runs `work` once per (scope, key) inside the caller's transaction `tx`. A concurrent request with
 * the same key waits on the key's row until the first commits, then gets its response; if the first
 * rolls back, the second runs instead.
 */
export async function withIdempotency<T>(
  tx: PoolClient,
  { scope, key, request }: IdempotentRequest,
  work: () => Promise<{ statusCode: number; body: T }>,
): Promise<StoredResponse<T>> {
  const requestHash = hashOf(request);
  const claimed = await tx.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO NOTHING`,
    [scope, key, requestHash],
  );
  if (claimed.rowCount === 1) {
    const result = await work();
    await tx.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND key = $2', [
      scope,
      key,
      result.statusCode,
      JSON.stringify(result.body),
    ]);
    return { ...result, replayed: false };
  }
  const { rows } = await tx.query<{ request_hash: string; status_code: number; response: T }>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  const stored = rows[0];
  if (!stored) throw new Error('idempotency key vanished between insert and select');
  if (stored.request_hash !== requestHash) {
    throw conflict('This Idempotency-Key was already used with a different request');
  }
  return { statusCode: stored.status_code, body: stored.response, replayed: true };
}
