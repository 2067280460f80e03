// SQL for accounts.
import type { Queryable } from '@emporium/service-kit';
import type { Role } from '../domain/accounts.js';

export interface Address {
  line1: string;
  line2?: string | undefined;
  city: string;
  postal_code: string;
  country: string;
}

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  phone: string | null;
  address: Address | null;
  roles: Role[];
  created_at: Date;
  updated_at: Date;
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  name: string;
  roles: Role[];
}

export async function insertUser(db: Queryable, user: NewUser): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, email, password_hash, name, roles) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [user.id, user.email, user.passwordHash, user.name, user.roles],
  );
  return rows[0] as UserRow;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email]);
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export interface ProfileChanges {
  name?: string | undefined;
  phone?: string | null | undefined;
  address?: Address | null | undefined;
}

export async function updateProfile(db: Queryable, id: string, changes: ProfileChanges): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET
       name = CASE WHEN $2 THEN $3 ELSE name END,
       phone = CASE WHEN $4 THEN $5 ELSE phone END,
       address = CASE WHEN $6 THEN $7::jsonb ELSE address END,
       updated_at = now()
     WHERE id = $1 RETURNING *`,
    [
      id,
      changes.name !== undefined,
      changes.name ?? null,
      changes.phone !== undefined,
      changes.phone ?? null,
      changes.address !== undefined,
      changes.address ? JSON.stringify(changes.address) : null,
    ],
  );
  return rows[0];
}

export async function grantRole(db: Queryable, id: string, role: Role): Promise<void> {
  await db.query(
    `UPDATE users SET roles = array_append(roles, $2), updated_at = now() WHERE id = $1 AND NOT ($2 = ANY(roles))`,
    [id, role],
  );
}
