// SQL for refresh tokens and their families.
import type { Queryable } from '@emporium/service-kit';

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  secret_hash: Buffer;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertRefreshToken(
  db: Queryable,
  token: { id: string; familyId: string; userId: string; secretHash: Buffer; ttlSeconds: number },
): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (id, family_id, user_id, secret_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [token.id, token.familyId, token.userId, token.secretHash, token.ttlSeconds],
  );
}

/** Locks the row so two concurrent refreshes with one token cannot both succeed. */
export async function lockRefreshToken(db: Queryable, id: string): Promise<RefreshTokenRow | undefined> {
  const { rows } = await db.query<RefreshTokenRow>('SELECT * FROM refresh_tokens WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

export async function markRefreshTokenUsed(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [id]);
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<number> {
  const result = await db.query(
    'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
    [familyId],
  );
  return result.rowCount ?? 0;
}
