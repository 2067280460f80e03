// Analytics' pacts with every service that publishes events: each event as analytics receives it,
// run through analytics' own handler on its own database, lands in the event log exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumerPact, exampleOf, expectMessage, runHandler } from '@emporium/contract-testing';
import type { MessageDefinition } from '@emporium/contracts';
import { DOMAIN_EVENTS, HANDLERS } from '../../src/messages/subscriptions.js';
import { startTestAnalytics, type TestAnalytics } from '../support/analytics.js';

/** The events analytics consumes, by the service that publishes them. */
const PUBLISHERS = [...new Set(DOMAIN_EVENTS.map((m) => m.service))];
const eventsOf = (publisher: string): MessageDefinition[] => DOMAIN_EVENTS.filter((m) => m.service === publisher);

describe('analytics ← every publisher: domain events', () => {
  let analytics: TestAnalytics;
  before(async () => {
    analytics = await startTestAnalytics('analytics_pacts');
  });
  after(() => analytics.close());

  const logged = async (id: string) =>
    (await analytics.pool.query<{ type: string }>('SELECT type FROM event_log WHERE id = $1', [id])).rows;

  for (const publisher of PUBLISHERS) {
    describe(`analytics ← ${publisher}`, () => {
      const { pact, settle } = consumerPact('analytics', publisher);
      for (const definition of eventsOf(publisher)) {
        it(`logs ${definition.name} once`, async () => {
          await expectMessage(pact, exampleOf(definition), async (event) => {
            assert.deepEqual(await runHandler(analytics.pool, HANDLERS, event), []);
            await runHandler(analytics.pool, HANDLERS, event); // a redelivery
            assert.deepEqual(await logged(event.id), [{ type: definition.type }]);
          });
        });
      }
      it('matches the committed pact', () => settle());
    });
  }
});
