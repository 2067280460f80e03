// Access tokens for tests: a locally generated Ed25519 key pair stands in for the users service,
// with the same issuer, audience and claims. Build a verifier from `jwks` with the kit.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface TokenOptions {
  roles?: string[];
  subject?: string;
  email?: string;
  /** Seconds since the epoch; in the past makes an expired token. Default: 10 minutes from now. */
  expiresAt?: number;
}

export interface TestTokens {
  jwks: { keys: JWK[] };
  issuer: string;
  audience: string;
  token(options?: TokenOptions): Promise<string>;
}

export async function createTestTokens(): Promise<TestTokens> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = randomUUID();
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' }] };
  const issuer = 'emporium-users';
  const audience = 'emporium';
  return {
    jwks,
    issuer,
    audience,
    token: ({ roles = ['customer'], subject = randomUUID(), email, expiresAt } = {}) =>
      new SignJWT({ roles, email: email ?? `${roles.join('-')}-${subject}@example.test` })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresAt ?? '10m')
        .sign(privateKey),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The same token with one character of its payload changed, so its signature no longer matches. */
export function tamper(token: string): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const flipped = payload.at(-2) === 'A' ? 'B' : 'A';
  return [header, `${payload.slice(0, -2)}${flipped}${payload.slice(-1)}`, signature].join('.');
}
