// Access tokens for a service's component tests: the shared test key pair stands in for the users
// service, and the verifier is the kit's own, so routes check tokens exactly as in production.
import { createTokenVerifier, type Role, type TokenVerifier } from '@emporium/service-kit';
import { bearer, createTestTokens } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';

export interface TokenIssuer {
  verifier: TokenVerifier;
  /** A signed access token with `role`, for `subject` (a new user id unless given). */
  tokenFor(role: Role, subject?: string): Promise<string>;
  /** Authorization headers for `role` (and `subject`). */
  headersFor(role: Role, subject?: string): Promise<{ authorization: string }>;
}

export async function createTokenIssuer(): Promise<TokenIssuer> {
  const tokens = await createTestTokens();
  const tokenFor = (role: Role, subject?: string) => tokens.token({ roles: [role], ...(subject ? { subject } : {}) });
  return {
    verifier: createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens),
    tokenFor,
    headersFor: async (role, subject) => bearer(await tokenFor(role, subject)),
  };
}
