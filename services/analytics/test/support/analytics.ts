// An analytics app for component tests, on the shared component-test harness, and a way to hand it
// events as its consumers would: each through its declared handler, in a transaction of its own.
import type { CloudEvent } from '@emporium/contracts';
import { parseConfig, withTransaction } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp, testHandlerContext } from '@emporium/service-testing';
import { buildApp } from '../../src/app.js';
import { AnalyticsConfig, MIGRATIONS_DIR } from '../../src/config.js';
import { HANDLERS } from '../../src/messages/subscriptions.js';

export interface TestAnalytics extends ComponentApp {
  /** Handles each event in turn, as the consumer would (one transaction each). */
  deliver(events: readonly CloudEvent[]): Promise<void>;
  /** Handles all the events at once, each in its own concurrent transaction. */
  deliverConcurrently(events: readonly CloudEvent[]): Promise<void>;
}

const handlerFor = (event: CloudEvent) => {
  const handler = HANDLERS.find((h) => h.message.type === event.type);
  if (!handler) throw new Error(`analytics has no handler for ${event.type}`);
  return handler;
};

export async function startTestAnalytics(label: string): Promise<TestAnalytics> {
  const component = await startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    poolSize: 8,
    build: ({ pool, verifier, databaseUrl }) => {
      const config = parseConfig(AnalyticsConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
      });
      return buildApp({ config, pool, verifier });
    },
  });
  const handle = (event: CloudEvent) =>
    withTransaction(component.pool, (tx) => handlerFor(event).handle(tx, event, testHandlerContext()));
  return {
    ...component,
    async deliver(events) {
      for (const event of events) await handle(event);
    },
    async deliverConcurrently(events) {
      await Promise.all(events.map(handle));
    },
  };
}
