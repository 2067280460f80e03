// The web apps' pact with the users service: signing up, signing in, refreshing the session and reading
// the signed-in customer, and the refusals the sign-up and sign-in forms show. The requests are the
// session's (web/src/session): its clients, its token store and the refresh it does when a token expires.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, exampleId, fromState } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { unwrap } from '../../src/api/problem.js';
import {
  appSession,
  asCustomer,
  bearer,
  EXAMPLE_REFRESH_TOKEN,
  EXAMPLE_TOKEN,
  jsonRequest,
  jsonResponse,
  problem,
  problemResponse,
  refusal,
  signedOut,
} from './support.js';

const ACCOUNT = { email: 'grace@example.com', password: 'a long password' };
const tokenPair = {
  access_token: M.string(EXAMPLE_TOKEN),
  token_type: 'Bearer',
  expires_in: M.integer(900),
  refresh_token: M.string(EXAMPLE_REFRESH_TOKEN),
};
const user = (email: string, name: string) => ({
  id: M.uuid(exampleId(`web: user ${email}`)),
  email,
  name: M.string(name),
  roles: M.eachLike('customer', 1),
});

describe('web → users: accounts and sessions', () => {
  const { pact, settle } = consumerPact('web', 'users');

  it('signs up a new customer', async () => {
    const body = { email: 'ada@example.com', password: 'a long password', name: 'Ada Lovelace' };
    await pact
      .addInteraction()
      .given('no account uses the email', { email: body.email })
      .uponReceiving('a sign-up')
      .withRequest('POST', '/api/users/v1/users', (b) => b.headers(jsonRequest).jsonBody(body))
      .willRespondWith(201, (b) => b.headers(jsonResponse).jsonBody(user(body.email, body.name)))
      .executeTest(async (server) => {
        // session.tsx signUp(details)
        const created = await unwrap(signedOut(server.url).users.POST('/v1/users', { body }));
        assert.equal(created.email, body.email);
        assert.deepEqual(created.roles, ['customer']);
      });
  });

  it('is told the email is taken', async () => {
    const body = { ...ACCOUNT, name: 'Grace Hopper' };
    await pact
      .addInteraction()
      .given('a customer has an account', ACCOUNT)
      .uponReceiving('a sign-up with an email already in use')
      .withRequest('POST', '/api/users/v1/users', (b) => b.headers(jsonRequest).jsonBody(body))
      .willRespondWith(409, (b) => b.headers(problemResponse).jsonBody(problem(409)))
      .executeTest(async (server) => {
        const refused = await refusal(signedOut(server.url).users.POST('/v1/users', { body }));
        assert.equal(refused.status, 409);
        assert.equal(refused.detail, 'why');
      });
  });

  it('signs in with email and password', async () => {
    await pact
      .addInteraction()
      .given('a customer has an account', ACCOUNT)
      .uponReceiving('a sign-in')
      .withRequest('POST', '/api/users/v1/sessions', (b) => b.headers(jsonRequest).jsonBody(ACCOUNT))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(tokenPair))
      .executeTest(async (server) => {
        // session.tsx signIn(email, password): the token pair goes into the session's store
        const { api, store } = appSession(server.url);
        store.save(await unwrap(api.users.POST('/v1/sessions', { body: ACCOUNT })));
        assert.equal(await store.accessToken(), EXAMPLE_TOKEN);
        assert.equal(store.read()?.refresh_token, EXAMPLE_REFRESH_TOKEN);
      });
  });

  it('is refused with a wrong password', async () => {
    const body = { ...ACCOUNT, password: 'not the password' };
    await pact
      .addInteraction()
      .given('a customer has an account', ACCOUNT)
      .uponReceiving('a sign-in with a wrong password')
      .withRequest('POST', '/api/users/v1/sessions', (b) => b.headers(jsonRequest).jsonBody(body))
      .willRespondWith(401, (b) => b.headers(problemResponse).jsonBody(problem(401)))
      .executeTest(async (server) => {
        const { api, store } = appSession(server.url);
        const refused = await refusal(api.users.POST('/v1/sessions', { body }));
        assert.equal(refused.status, 401);
        assert.equal(store.read(), undefined);
      });
  });

  it('refreshes the session with the refresh token when the access token expires', async () => {
    await pact
      .addInteraction()
      .given('a customer is signed in', ACCOUNT)
      .uponReceiving('a session refresh')
      .withRequest('POST', '/api/users/v1/sessions/refresh', (b) =>
        b.headers(jsonRequest).jsonBody({ refresh_token: fromState('{refreshToken}', EXAMPLE_REFRESH_TOKEN) }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(tokenPair))
      .executeTest(async (server) => {
        // An access token that has run out: the store exchanges the refresh token before handing one out.
        const { store } = appSession(server.url, {
          accessToken: 'an.expired.token',
          refreshToken: EXAMPLE_REFRESH_TOKEN,
          expiresIn: 0,
        });
        assert.equal(await store.accessToken(), EXAMPLE_TOKEN);
        assert.ok((store.read()?.expires_at ?? 0) > Date.now());
      });
  });

  it('reads the signed-in customer', async () => {
    await pact
      .addInteraction()
      .given('a customer is signed in', ACCOUNT)
      .uponReceiving('a request for the signed-in customer')
      .withRequest('GET', '/api/users/v1/users/me', (b) => b.headers({ authorization: bearer() }))
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(user(ACCOUNT.email, 'Grace Hopper')))
      .executeTest(async (server) => {
        const me = await unwrap(asCustomer(server.url).users.GET('/v1/users/me'));
        assert.equal(me.email, ACCOUNT.email);
        assert.ok(me.roles.includes('customer'));
      });
  });

  it('changes the signed-in customer’s profile', async () => {
    // ProfileForm: name, phone (null when empty) and the address (null when empty, no empty line2)
    const body = {
      name: 'Grace Hopper',
      phone: '+15555550123',
      address: { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' },
    };
    await pact
      .addInteraction()
      .given('a customer is signed in', ACCOUNT)
      .uponReceiving('a change of the signed-in customer’s profile')
      .withRequest('PATCH', '/api/users/v1/users/me', (b) =>
        b.headers({ ...jsonRequest, authorization: bearer() }).jsonBody(body),
      )
      .willRespondWith(200, (b) =>
        b
          .headers(jsonResponse)
          .jsonBody({ ...user(ACCOUNT.email, body.name), phone: body.phone, address: body.address }),
      )
      .executeTest(async (server) => {
        const changed = await unwrap(asCustomer(server.url).users.PATCH('/v1/users/me', { body }));
        assert.equal(changed.phone, body.phone);
        assert.deepEqual(changed.address, body.address);
      });
  });

  it('matches the committed pact', () => settle());
});
