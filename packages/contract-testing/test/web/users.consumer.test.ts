// The storefront's pact with the users service: signing up, signing in, refreshing the session and
// reading the signed-in customer, and the refusals the sign-up and sign-in forms show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { exampleId } from '../../src/examples.js';
import { fromState } from '../../src/provider-values.js';
import { bearer, call, EXAMPLE_TOKEN, jsonRequest, jsonResponse, problem, problemResponse } from './support.js';

const ACCOUNT = { email: 'grace@example.com', password: 'a long password' };
const tokenPair = {
  access_token: M.string(EXAMPLE_TOKEN),
  token_type: 'Bearer',
  expires_in: M.integer(900),
  refresh_token: M.string('0192f0a0.secret'),
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
        const res = await call(server.url, 'POST', '/api/users/v1/users', { body });
        assert.equal(res.status, 201);
        assert.deepEqual(res.body.roles, ['customer']);
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
        assert.equal((await call(server.url, 'POST', '/api/users/v1/users', { body })).status, 409);
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
        const res = await call(server.url, 'POST', '/api/users/v1/sessions', { body: ACCOUNT });
        assert.equal(res.body.token_type, 'Bearer');
        assert.equal(typeof res.body.refresh_token, 'string');
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
        assert.equal((await call(server.url, 'POST', '/api/users/v1/sessions', { body })).status, 401);
      });
  });

  it('refreshes the session with the refresh token', async () => {
    await pact
      .addInteraction()
      .given('a customer is signed in', ACCOUNT)
      .uponReceiving('a session refresh')
      .withRequest('POST', '/api/users/v1/sessions/refresh', (b) =>
        b.headers(jsonRequest).jsonBody({ refresh_token: fromState('{refreshToken}', '0192f0a0.secret') }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(tokenPair))
      .executeTest(async (server) => {
        const res = await call(server.url, 'POST', '/api/users/v1/sessions/refresh', {
          body: { refresh_token: '0192f0a0.secret' },
        });
        assert.equal(typeof res.body.access_token, 'string');
      });
  });

  it('reads the signed-in customer', async () => {
    await pact
      .addInteraction()
      .given('a customer is signed in', ACCOUNT)
      .uponReceiving('a request for the signed-in customer')
      .withRequest('GET', '/api/users/v1/users/me', (b) =>
        b.headers({ accept: 'application/json', authorization: bearer() }),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(user(ACCOUNT.email, 'Grace Hopper')))
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', '/api/users/v1/users/me', { token: EXAMPLE_TOKEN });
        assert.equal(res.body.email, ACCOUNT.email);
      });
  });

  it('changes the signed-in customer’s profile', async () => {
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
        const res = await call(server.url, 'PATCH', '/api/users/v1/users/me', { token: EXAMPLE_TOKEN, body });
        assert.equal(res.body.phone, body.phone);
      });
  });

  it('matches the committed pact', () => settle());
});
