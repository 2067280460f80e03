// The users service's settings, read once at start.
import { MessagingConfig } from '@emporium/messaging';
import { DatabaseConfig, ServiceConfig, type Static, Type } from '@emporium/service-kit';

export const UsersConfig = Type.Object({
  ...ServiceConfig.properties,
  ...DatabaseConfig.properties,
  ...MessagingConfig.properties,
  JWT_ISSUER: Type.String({ default: 'emporium-users' }),
  JWT_AUDIENCE: Type.String({ default: 'emporium' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 900, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 30 * 24 * 3600 }),
  /** log2 of scrypt's cost N; 15 means 32 MiB of memory per hash. */
  PASSWORD_HASH_COST: Type.Integer({ minimum: 10, maximum: 20, default: 15 }),
  EMPORIUM_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  EMPORIUM_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
});
export type UsersConfig = Static<typeof UsersConfig>;
