// Request and response schemas of the users API (the source of its types and its OpenAPI document).
import { Address, type Static, Type, Uuid } from '@emporium/service-kit';
import { MIN_PASSWORD_LENGTH } from '../domain/accounts.js';
import type { UserRow } from '../store/users-store.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const Registration = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
    name: Name,
  },
  { additionalProperties: false },
);

export const Credentials = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

export const RefreshRequest = Type.Object(
  { refresh_token: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{5,19}$' }), Type.Null()])),
    address: Type.Optional(Type.Union([Address, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.Union([Type.Literal('customer'), Type.Literal('admin')])),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Address, Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

export const TokenPair = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'seconds until the access token expires' }),
  refresh_token: Type.String(),
});

export const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) });

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    phone: row.phone,
    address: row.address,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
