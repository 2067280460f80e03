import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { newAccount, startUsers, type UsersHarness } from './support/users-app.js';

describe('users: sessions and tokens', () => {
  let users: UsersHarness;
  const account = newAccount();
  before(async () => {
    users = await startUsers('users_sessions');
    await users.app.inject({ method: 'POST', url: '/v1/users', payload: account });
  });
  after(() => users.close());

  const post = (url: string, payload: object) => users.app.inject({ method: 'POST', url, payload });
  const signIn = () => post('/v1/sessions', { email: account.email, password: account.password });
  const refresh = (refresh_token: string) => post('/v1/sessions/refresh', { refresh_token });
  const me = (token: string) =>
    users.app.inject({ url: '/v1/users/me', headers: { authorization: `Bearer ${token}` } });

  it('signs in with a short-lived EdDSA access token verifiable with the JWKS', async () => {
    const res = await signIn();
    assert.equal(res.statusCode, 200);
    const pair = res.json();
    assert.equal(pair.token_type, 'Bearer');
    assert.ok(pair.expires_in <= 900);
    const jwks = (await users.app.inject({ url: '/.well-known/jwks.json' })).json();
    assert.equal(jwks.keys[0].alg, 'EdDSA');
    assert.equal(jwks.keys[0].d, undefined, 'the JWKS must not publish the private part');
    const { payload, protectedHeader } = await jwtVerify(pair.access_token, createLocalJWKSet(jwks), {
      issuer: 'emporium-users',
      audience: 'emporium',
    });
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(payload.email, account.email);
    assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) <= 900);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const wrong = await post('/v1/sessions', { email: account.email, password: 'wrong password!' });
    const unknown = await post('/v1/sessions', { email: 'nobody@example.com', password: 'wrong password!' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  });

  it('rotates refresh tokens: the new pair works and the old token stops working', async () => {
    const first = (await signIn()).json();
    const second = await refresh(first.refresh_token);
    assert.equal(second.statusCode, 200);
    assert.notEqual(second.json().refresh_token, first.refresh_token);
    assert.equal((await me(second.json().access_token)).statusCode, 200);
    assert.equal((await refresh(first.refresh_token)).statusCode, 401);
  });

  it('revokes the whole family when a used refresh token is presented again', async () => {
    const first = (await signIn()).json();
    const second = (await refresh(first.refresh_token)).json();
    const reuse = await refresh(first.refresh_token);
    assert.equal(reuse.statusCode, 401);
    assert.match(reuse.json().detail, /already used/);
    assert.equal((await refresh(second.refresh_token)).statusCode, 401, 'the stolen chain must be dead too');
    const other = (await signIn()).json();
    assert.equal((await refresh(other.refresh_token)).statusCode, 200, 'other sign-ins keep working');
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const first = (await signIn()).json();
    const results = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 401]);
  });

  it('signs out: a revoked refresh token cannot be used', async () => {
    const pair = (await signIn()).json();
    assert.equal((await post('/v1/sessions/revoke', { refresh_token: pair.refresh_token })).statusCode, 204);
    assert.equal((await refresh(pair.refresh_token)).statusCode, 401);
  });

  it('rejects a garbage refresh token with 401, not 500', async () => {
    assert.equal((await refresh('garbage')).statusCode, 401);
    assert.equal((await refresh(`${crypto.randomUUID()}.${'a'.repeat(43)}`)).statusCode, 401);
  });

  it('rejects tampered and expired access tokens', async () => {
    const pair = (await signIn()).json();
    const [h, p, s] = pair.access_token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    assert.equal((await me(`${h}.${forged}.${s}`)).statusCode, 401);

    const { rows } = await users.pool.query('SELECT kid, private_jwk FROM signing_keys');
    const key = await importJWK(rows[0].private_jwk, 'EdDSA');
    const expired = await new SignJWT({ email: account.email, roles: ['customer'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: rows[0].kid })
      .setSubject(claims.sub)
      .setIssuer('emporium-users')
      .setAudience('emporium')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(key);
    const res = await me(expired);
    assert.equal(res.statusCode, 401);
    assert.match(res.json().detail, /expired/);
  });

  it('keeps its signing key across restarts, so issued tokens stay valid', async () => {
    const pair = (await signIn()).json();
    const restarted = await users.rebuild();
    const res = await restarted.inject({
      url: '/v1/users/me',
      headers: { authorization: `Bearer ${pair.access_token}` },
    });
    assert.equal(res.statusCode, 200);
    const { rows } = await users.pool.query('SELECT count(*)::int AS n FROM signing_keys');
    assert.equal(rows[0].n, 1);
  });
});
