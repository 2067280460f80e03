// Access tokens for tests: a locally generated key pair stands in for the users service's JWKS.
import { randomUUID } from 'node:crypto';
import { createTokenVerifier, type Role, type TokenVerifier } from '@emporium/service-kit';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';

const ISSUER = 'emporium-users';
const AUDIENCE = 'emporium';
const KEY_ID = 'test-key';

export interface TokenIssuer {
  verifier: TokenVerifier;
  /** A signed access token for a new user with `role`. */
  tokenFor(role: Role): Promise<string>;
}

export async function createTokenIssuer(): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA');
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'EdDSA' };
  const verifier = createTokenVerifier(createLocalJWKSet({ keys: [jwk] }), { issuer: ISSUER, audience: AUDIENCE });
  const tokenFor = (role: Role) => {
    const sub = randomUUID();
    return new SignJWT({ email: `${role}-${sub}@example.test`, roles: [role] })
      .setProtectedHeader({ alg: 'EdDSA', kid: KEY_ID })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  };
  return { verifier, tokenFor };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
