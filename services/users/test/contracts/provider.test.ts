// The users service honours every pact that names it: the storefront's sign-up, sign-in, refresh and
// "me" (HTTP, through the real gateway, which checks the tokens users signs against users' own JWKS),
// and the user events notifications and analytics consume (published by the real routes, read back
// from the outbox).
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { type GatewayFront, itHonoursEveryPact, outboxOf, startGatewayFront } from '@emporium/contract-testing';
import { createRemoteTokenVerifier } from '@emporium/service-kit';
import { newAccount, startUsers, type UsersHarness } from '../support/users-app.js';

interface Account {
  email: string;
  password: string;
  name?: string;
}

describe('users: provider verification', () => {
  let users: UsersHarness;
  let gateway: GatewayFront;
  before(async () => {
    users = await startUsers('users_pacts');
    const url = await users.app.listen({ port: 0, host: '127.0.0.1' });
    const verifier = createRemoteTokenVerifier(`${url}/.well-known/jwks.json`, {
      issuer: 'emporium-users',
      audience: 'emporium',
    });
    gateway = await startGatewayFront({ users: url }, verifier);
  });
  after(async () => {
    await gateway.close();
    await users.close();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    users.app.inject({ method: 'POST', url, payload, headers });
  /** Signs the account up, unless it exists; returns its id when it was created now. */
  const signUp = async (account: Account): Promise<string | undefined> => {
    const res = await post('/v1/users', { name: 'Grace Hopper', ...account });
    assert.ok(res.statusCode === 201 || res.statusCode === 409, res.body);
    return res.statusCode === 201 ? res.json<{ id: string }>().id : undefined;
  };
  const signIn = async (account: Account) => {
    const res = await post('/v1/sessions', { email: account.email, password: account.password });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ access_token: string; refresh_token: string }>();
  };
  const accountOf = (params: Record<string, unknown>): Account => ({
    email: String(params.email),
    password: String(params.password),
  });

  itHonoursEveryPact({
    provider: 'users',
    baseUrlFor: () => gateway.url,
    states: {
      'no account uses the email': async () => undefined,
      'a customer has an account': async (params) => {
        await signUp(accountOf(params));
        return undefined;
      },
      'a customer is signed in': async (params) => {
        await signUp(accountOf(params));
        const pair = await signIn(accountOf(params));
        return { token: pair.access_token, refreshToken: pair.refresh_token };
      },
    },
    publishes: {
      'a customer signs up': async () => {
        const id = await signUp(newAccount());
        assert.ok(id);
        return outboxOf(users.pool, id);
      },
      'a customer updates their profile': async () => {
        const account = newAccount();
        const id = await signUp(account);
        assert.ok(id);
        const { access_token } = await signIn(account);
        const res = await users.app.inject({
          method: 'PATCH',
          url: '/v1/users/me',
          headers: { authorization: `Bearer ${access_token}` },
          payload: {
            name: 'Ada King',
            phone: '+15555550123',
            address: { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' },
          },
        });
        assert.equal(res.statusCode, 200, res.body);
        return outboxOf(users.pool, id);
      },
    },
  });
});
