// Registration, profiles, and the first admin from configuration.
import { conflict, isUniqueViolation, notFound, type Pool, withTransaction } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { normalizeEmail, rolesFor } from '../domain/accounts.js';
import { hashPassword } from '../domain/passwords.js';
import { userProfileUpdated, userRegistered } from '../messages/user-events.js';
import {
  findUserByEmail,
  findUserById,
  grantRole,
  insertUser,
  type ProfileChanges,
  type UserRow,
  updateProfile,
} from '../store/users-store.js';

export function createAccounts(pool: Pool, passwordHashCost: number) {
  async function register(input: { email: string; password: string; name: string }, kind: 'customer' | 'admin') {
    const passwordHash = await hashPassword(input.password, passwordHashCost);
    try {
      return await withTransaction(pool, async (tx) => {
        const user = await insertUser(tx, {
          id: uuidv7(),
          email: normalizeEmail(input.email),
          passwordHash,
          name: input.name.trim(),
          roles: rolesFor(kind),
        });
        await userRegistered(tx, user);
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw conflict('An account with this email already exists');
      throw error;
    }
  }

  return {
    register: (input: { email: string; password: string; name: string }) => register(input, 'customer'),

    async profile(userId: string): Promise<UserRow> {
      const user = await findUserById(pool, userId);
      if (!user) throw notFound('This account no longer exists');
      return user;
    },

    async updateProfile(userId: string, changes: ProfileChanges): Promise<UserRow> {
      return withTransaction(pool, async (tx) => {
        const user = await updateProfile(tx, userId, changes);
        if (!user) throw notFound('This account no longer exists');
        await userProfileUpdated(tx, user);
        return user;
      });
    },

    /** Creates the configured admin on first start, or grants the role to an existing account. */
    async ensureAdmin(email: string, password: string): Promise<void> {
      const existing = await findUserByEmail(pool, normalizeEmail(email));
      if (existing) return grantRole(pool, existing.id, 'admin');
      await register({ email, password, name: 'Administrator' }, 'admin').catch((error: unknown) => {
        // Another instance created it at the same moment: fine.
        if ((error as { kind?: string }).kind !== 'conflict') throw error;
      });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
