// The storefront's pact with notifications: the customer's notifications and their channel preferences,
// requested through the apps' notifications client as AccountPage makes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumerPact, EXAMPLE_TIME, exampleId, RFC3339 } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { PAGE_SIZES } from '../../src/api/page-sizes.js';
import { unwrap } from '../../src/api/problem.js';
import { asCustomer, bearer, jsonRequest, jsonResponse } from './support.js';

const signedIn = { authorization: bearer() };

describe('web → notifications: the customer’s messages and preferences', () => {
  const { pact, settle } = consumerPact('web', 'notifications');

  it('lists the customer’s notifications', async () => {
    await pact
      .addInteraction()
      .given('a signed-in customer has been notified')
      .uponReceiving('a request for the customer’s notifications')
      .withRequest('GET', '/api/notifications/v1/notifications', (b) =>
        b.query({ limit: String(PAGE_SIZES.accountNotifications) }).headers(signedIn),
      )
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
        // AccountPage's notifications tab
        const list = await unwrap(
          asCustomer(server.url).notifications.GET('/v1/notifications', {
            params: { query: { limit: PAGE_SIZES.accountNotifications } },
          }),
        );
        assert.equal(list.items[0]?.template, 'welcome');
        assert.equal(list.items[0]?.channel, 'email');
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
        const prefs = await unwrap(asCustomer(server.url).notifications.GET('/v1/preferences'));
        assert.deepEqual(prefs, { email: true, sms: false, push: false });
      });
  });

  it('changes the channel preferences', async () => {
    // AccountPage's preferences tab: every channel, with the one ticked changed (push)
    const body = { email: true, sms: false, push: true };
    await pact
      .addInteraction()
      .given('a signed-in customer has been notified')
      .uponReceiving('a change of the customer’s preferences')
      .withRequest('PUT', '/api/notifications/v1/preferences', (b) =>
        b.headers({ ...signedIn, ...jsonRequest }).jsonBody(body),
      )
      .willRespondWith(200, (b) => b.headers(jsonResponse).jsonBody(body))
      .executeTest(async (server) => {
        const saved = await unwrap(asCustomer(server.url).notifications.PUT('/v1/preferences', { body }));
        assert.deepEqual(saved, body);
      });
  });

  it('matches the committed pact', () => settle());
});
