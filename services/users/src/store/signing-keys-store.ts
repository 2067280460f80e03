// SQL for the token signing keys.
import type { Queryable } from '@emporium/service-kit';
import type { JWK } from 'jose';

export interface SigningKeyRow {
  kid: string;
  algorithm: string;
  public_jwk: JWK;
  private_jwk: JWK;
  created_at: Date;
  retired_at: Date | null;
}

/** Serialises key creation between instances that start together. */
export async function lockSigningKeys(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['emporium.users.signing_keys']);
}

export async function activeSigningKeys(db: Queryable): Promise<SigningKeyRow[]> {
  const { rows } = await db.query<SigningKeyRow>(
    'SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC',
  );
  return rows;
}

export async function insertSigningKey(
  db: Queryable,
  key: { kid: string; algorithm: string; publicJwk: JWK; privateJwk: JWK },
): Promise<void> {
  await db.query('INSERT INTO signing_keys (kid, algorithm, public_jwk, private_jwk) VALUES ($1, $2, $3, $4)', [
    key.kid,
    key.algorithm,
    key.publicJwk,
    key.privateJwk,
  ]);
}
