// Signing in, refresh-token rotation with reuse detection, and signing out.
import { type Pool, type Queryable, unauthorized, withTransaction } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { normalizeEmail } from '../domain/accounts.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { newRefreshToken, parseRefreshToken, secretMatches } from '../domain/refresh-tokens.js';
import type { KeyRing } from '../signing/key-ring.js';
import {
  insertRefreshToken,
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeFamily,
} from '../store/refresh-tokens-store.js';
import { findUserByEmail, findUserById, type UserRow } from '../store/users-store.js';

export interface SessionSettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  passwordHashCost: number;
}

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

const BAD_CREDENTIALS = 'The email or password is not correct';
const BAD_REFRESH = 'The refresh token is not valid';

export function createSessions(pool: Pool, keys: KeyRing, settings: SessionSettings) {
  // Unknown emails still pay for one hash, so response time does not reveal which emails exist.
  const dummyHash = hashPassword('not-a-real-password', settings.passwordHashCost);

  async function issue(db: Queryable, user: UserRow, familyId: string) {
    const refresh = newRefreshToken();
    await insertRefreshToken(db, {
      id: refresh.id,
      familyId,
      userId: user.id,
      secretHash: refresh.secretHash,
      ttlSeconds: settings.refreshTokenTtlSeconds,
    });
    const accessToken = await keys.signAccessToken(
      { sub: user.id, email: user.email, roles: user.roles },
      settings.accessTokenTtlSeconds,
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: settings.accessTokenTtlSeconds,
      refresh_token: refresh.token,
    } satisfies TokenPair;
  }

  return {
    async signIn(email: string, password: string): Promise<TokenPair> {
      const user = await findUserByEmail(pool, normalizeEmail(email));
      const matches = await verifyPassword(password, user?.password_hash ?? (await dummyHash));
      if (!user || !matches) throw unauthorized(BAD_CREDENTIALS);
      return issue(pool, user, uuidv7());
    },

    async refresh(token: string): Promise<TokenPair> {
      const parsed = parseRefreshToken(token);
      if (!parsed) throw unauthorized(BAD_REFRESH);
      const outcome = await withTransaction(pool, async (tx) => {
        const row = await lockRefreshToken(tx, parsed.id);
        if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { kind: 'invalid' as const };
        if (row.used_at || row.revoked_at) {
          await revokeFamily(tx, row.family_id);
          return { kind: 'reused' as const };
        }
        if (row.expires_at.getTime() <= Date.now()) return { kind: 'invalid' as const };
        const user = await findUserById(tx, row.user_id);
        if (!user) return { kind: 'invalid' as const };
        await markRefreshTokenUsed(tx, row.id);
        return { kind: 'issued' as const, pair: await issue(tx, user, row.family_id) };
      });
      if (outcome.kind === 'reused') {
        throw unauthorized('The refresh token was already used; every session of this sign-in has been revoked');
      }
      if (outcome.kind === 'invalid') throw unauthorized(BAD_REFRESH);
      return outcome.pair;
    },

    /** Signing out revokes the token's whole family; an unknown token is not an error. */
    async signOut(token: string): Promise<void> {
      const parsed = parseRefreshToken(token);
      if (!parsed) return;
      await withTransaction(pool, async (tx) => {
        const row = await lockRefreshToken(tx, parsed.id);
        if (row && secretMatches(parsed.secret, row.secret_hash)) await revokeFamily(tx, row.family_id);
      });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
