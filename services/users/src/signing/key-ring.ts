// The users service's signing keys: generated on first start, kept in its database, published as
// a JWKS, and used to sign access tokens (EdDSA / Ed25519).
import {
  createTokenVerifier,
  type Pool,
  type TokenVerifier,
  type VerifierOptions,
  withTransaction,
} from '@emporium/service-kit';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { activeSigningKeys, insertSigningKey, lockSigningKeys } from '../store/signing-keys-store.js';

const ALGORITHM = 'EdDSA';

export interface KeyRing {
  jwks: { keys: JWK[] };
  signAccessToken(claims: JWTPayload & { sub: string }, ttlSeconds: number): Promise<string>;
  verifier: TokenVerifier;
}

export async function loadKeyRing(pool: Pool, options: VerifierOptions): Promise<KeyRing> {
  const keys = await withTransaction(pool, async (tx) => {
    await lockSigningKeys(tx);
    const existing = await activeSigningKeys(tx);
    if (existing.length > 0) return existing;
    const pair = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await insertSigningKey(tx, { kid, algorithm: ALGORITHM, publicJwk, privateJwk: await exportJWK(pair.privateKey) });
    return activeSigningKeys(tx);
  });
  const current = keys[0];
  if (!current) throw new Error('no signing key');
  const privateKey = await importJWK(current.private_jwk, current.algorithm);
  const jwks = {
    keys: keys.map((k) => ({ ...k.public_jwk, kid: k.kid, alg: k.algorithm, use: 'sig' })),
  };
  return {
    jwks,
    verifier: createTokenVerifier(createLocalJWKSet(jwks), options),
    signAccessToken: (claims, ttlSeconds) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: current.algorithm, kid: current.kid, typ: 'at+jwt' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(crypto.randomUUID())
        .sign(privateKey),
  };
}
