// Access tokens for catalog tests, from the shared test key pair.
import { createTokenVerifier, type Role, type TokenVerifier } from '@emporium/service-kit';
import { createTestTokens } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';

export { bearer } from '@emporium/testing';

export interface TokenIssuer {
  verifier: TokenVerifier;
  /** A signed access token for a new user with `role`. */
  tokenFor(role: Role): Promise<string>;
}

export async function createTokenIssuer(): Promise<TokenIssuer> {
  const tokens = await createTestTokens();
  return {
    verifier: createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens),
    tokenFor: (role) => tokens.token({ roles: [role] }),
  };
}
