import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newAccount, startUsers, type UsersHarness } from './support/users-app.js';

describe('users: registration and profile', () => {
  let users: UsersHarness;
  before(async () => {
    users = await startUsers('users_accounts');
  });
  after(() => users.close());

  const register = (body: unknown) => users.app.inject({ method: 'POST', url: '/v1/users', payload: body as object });
  const signIn = async (email: string, password: string) =>
    (await users.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password } })).json();

  it('registers a customer and never returns the password hash', async () => {
    const account = newAccount();
    const res = await register(account);
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.equal(body.email, account.email);
    assert.deepEqual(body.roles, ['customer']);
    assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    assert.equal(JSON.stringify(body).includes('scrypt'), false);
    const { rows } = await users.pool.query('SELECT password_hash FROM users WHERE id = $1', [body.id]);
    assert.match(rows[0].password_hash, /^scrypt\$10\$8\$1\$/);
    assert.equal(rows[0].password_hash.includes(account.password), false);
  });

  it('answers 409 when the email is taken, whatever its case', async () => {
    const account = newAccount();
    assert.equal((await register(account)).statusCode, 201);
    const again = await register({ ...account, email: account.email.toUpperCase() });
    assert.equal(again.statusCode, 409);
    assert.equal(again.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(again.json().status, 409);
  });

  it('rejects a weak password with a 400 naming the field', async () => {
    const res = await register(newAccount({ password: 'short' }));
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().errors.some((e: { path: string }) => e.path === 'body/password'));
  });

  it('rejects a malformed email, a blank name and unknown fields', async () => {
    assert.equal((await register(newAccount({ email: 'not-an-email' }))).statusCode, 400);
    assert.equal((await register(newAccount({ name: '   ' }))).statusCode, 400);
    assert.equal((await register({ ...newAccount(), roles: ['admin'] })).statusCode, 400);
  });

  it('reads and updates the caller profile; null clears a field', async () => {
    const account = newAccount();
    await register(account);
    const { access_token } = await signIn(account.email, account.password);
    const auth = { authorization: `Bearer ${access_token}` };
    const me = await users.app.inject({ url: '/v1/users/me', headers: auth });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, account.email);

    const address = { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' };
    const patched = await users.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: auth,
      payload: { name: 'New Name', phone: '+1 555 0100', address },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().name, 'New Name');
    assert.deepEqual(patched.json().address, address);
    assert.ok(Date.parse(patched.json().updated_at) >= Date.parse(me.json().updated_at));

    const cleared = await users.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: auth,
      payload: { phone: null },
    });
    assert.equal(cleared.json().phone, null);
    assert.equal(cleared.json().name, 'New Name');

    const empty = await users.app.inject({ method: 'PATCH', url: '/v1/users/me', headers: auth, payload: {} });
    assert.equal(empty.statusCode, 400);
    const badCountry = await users.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: auth,
      payload: { address: { ...address, country: 'usa' } },
    });
    assert.equal(badCountry.statusCode, 400);
  });

  it('refuses the profile without a token', async () => {
    const res = await users.app.inject({ url: '/v1/users/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['www-authenticate'], 'Bearer');
  });

  it('creates the configured admin once, and keeps it across restarts', async () => {
    const env = { EMPORIUM_ADMIN_EMAIL: 'Boss@Example.com', EMPORIUM_ADMIN_PASSWORD: 'admin-password-1' };
    await users.rebuild(env);
    await users.rebuild(env);
    const { rows } = await users.pool.query("SELECT roles FROM users WHERE email = 'boss@example.com'");
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].roles, ['customer', 'admin']);
    const tokens = await signIn('boss@example.com', 'admin-password-1');
    const payload = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());
    assert.deepEqual(payload.roles, ['customer', 'admin']);
  });
});
