// The storefront's pact with notifications: the customer's notifications and their channel preferences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { consumerPact } from '../../src/consumer-pact.js';
import { EXAMPLE_TIME, exampleId, RFC3339 } from '../../src/examples.js';
import { bearer, call, EXAMPLE_TOKEN, jsonResponse } from './support.js';

const signedIn = { accept: 'application/json', authorization: bearer() };

describe('web → notifications: the customer’s messages and preferences', () => {
  const { pact, settle } = consumerPact('web', 'notifications');

  it('lists the customer’s notifications', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has been notified')
      .uponReceiving('a request for the customer’s notifications')
      .withRequest('GET', '/api/notifications/v1/notifications', (b) => b.headers(signedIn))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({
          items: M.eachLike(
            {
              id: M.uuid(exampleId('web: a notification')),
              channel: M.regex('(email|sms|push)', 'email'),
              template: M.string('welcome'),
              subject: M.string('Welcome to Emporium'),
              status: M.regex('(pending|sent|failed)', 'pending'),
              created_at: M.regex(RFC3339, EXAMPLE_TIME),
            },
            1,
          ),
        }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', '/api/notifications/v1/notifications', { token: EXAMPLE_TOKEN });
        assert.equal((res.body.items as Array<{ template: string }>)[0]?.template, 'welcome');
      });
  });

  it('reads the channel preferences', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has been notified')
      .uponReceiving('a request for the customer’s preferences')
      .withRequest('GET', '/api/notifications/v1/preferences', (b) => b.headers(signedIn))
      .willRespondWith(200, (b) =>
        b.headers(jsonResponse).jsonBody({ email: M.boolean(true), sms: M.boolean(false), push: M.boolean(false) }),
      )
      .executeTest(async (server) => {
        const res = await call(server.url, 'GET', '/api/notifications/v1/preferences', { token: EXAMPLE_TOKEN });
        assert.equal(res.body.email, true);
      });
  });

  it('changes the channel preferences', async () => {
    const body = { email: true, sms: false, push: true };
    await pact
      .addInteraction()
      .given('a signed-in customer has been notified')
      .uponReceiving('a change of the customer’s preferences')
      .withRequest('PUT', '/api/notifications/v1/preferences', (b) =>
        b.headers({ ...signedIn, 'content-type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(body))
      .executeTest(async (server) => {
        const res = await call(server.url, 'PUT', '/api/notifications/v1/preferences', { token: EXAMPLE_TOKEN, body });
        assert.deepEqual(res.body, body);
      });
  });

  it('matches the committed pact', () => settle());
});
