// A notification service for component tests: the app on a fresh database (shared harness), the
// delivery job runner on that database, and a notification sink started in-process (or only later,
// for tests of a mail server that is down). Events are handed to the handlers directly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, type DataOf, type EventOf, type MessageDefinition } from '@emporium/contracts';
import { type JobRunner, migrateJobs, startJobRunner } from '@emporium/jobs';
import { type RunningSink, startSink } from '@emporium/notification-sink';
import { parseConfig, withTransaction } from '@emporium/service-kit';
import { type ComponentApp, startComponentApp, testHandlerContext } from '@emporium/service-testing';
import { freePort } from '@emporium/testing';
import { buildApp } from '../../src/app.js';
import { MIGRATIONS_DIR, NotificationsConfig } from '../../src/config.js';
import { createDeliveryTasks } from '../../src/delivery/tasks.js';
import { HANDLERS } from '../../src/messages/subscriptions.js';

export interface TestNotificationsOptions {
  /** Start the sink with the service (default), or leave its ports closed until startSink(). */
  sinkUp?: boolean;
  maxAttempts?: number;
}

export interface TestNotifications extends ComponentApp {
  sinkUrl: string;
  /** Starts the sink on the ports the service was configured with. */
  startSink(): Promise<RunningSink>;
  /** Wraps `data` in a new envelope (with `id`, when given) and hands it to its handler. */
  handle<D extends MessageDefinition>(definition: D, data: DataOf<D>, id?: string): Promise<EventOf<D>>;
  /** Hands an envelope to its handler again, as a redelivery would. */
  redeliver(envelope: EventOf<MessageDefinition>): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {} };

export async function startTestNotifications(
  label: string,
  options: TestNotificationsOptions = {},
): Promise<TestNotifications> {
  const dataDir = await mkdtemp(join(tmpdir(), `emporium-${label}-sink-`));
  const smtpPort = await freePort();
  const httpPort = await freePort();
  const sinkUrl = `http://127.0.0.1:${httpPort}`;
  let sink: RunningSink | undefined;
  const launchSink = async () => {
    sink = await startSink({ dataDir, smtpPort, httpPort });
    return sink;
  };
  if (options.sinkUp ?? true) await launchSink();

  let config: NotificationsConfig | undefined;
  const component = await startComponentApp({
    label,
    migrationsDir: MIGRATIONS_DIR,
    poolSize: 10,
    build: async ({ pool, verifier, databaseUrl }) => {
      await migrateJobs(pool);
      config = parseConfig(NotificationsConfig, {
        DATABASE_URL: databaseUrl,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-tests',
        LOG_LEVEL: 'silent',
        BUS_URL: 'nats://127.0.0.1:1', // messaging is not started in component tests
        SMTP_PORT: String(smtpPort),
        SMS_PROVIDER_URL: `${sinkUrl}/v1/sms`,
        PUSH_PROVIDER_URL: `${sinkUrl}/v1/push`,
        NOTIFICATION_MAX_ATTEMPTS: String(options.maxAttempts ?? 10),
        PROVIDER_TIMEOUT_MS: '2000',
      });
      return buildApp({ config, pool, verifier });
    },
  });
  if (!config) throw new Error('the app was built without its configuration');
  const delivery = createDeliveryTasks(component.pool, config, quiet);
  const runner: JobRunner = await startJobRunner({
    pool: component.pool,
    tasks: delivery.tasks,
    log: quiet,
    concurrency: 4,
    pollIntervalMs: 200,
  });

  const redeliver = async (envelope: EventOf<MessageDefinition>) => {
    const handler = HANDLERS.find((h) => h.message.type === envelope.type);
    if (!handler) throw new Error(`no handler for ${envelope.type}`);
    await withTransaction(component.pool, (tx) => handler.handle(tx, envelope, testHandlerContext()));
  };

  return {
    ...component,
    sinkUrl,
    startSink: launchSink,
    async handle(definition, data, id) {
      const envelope = createEnvelope(definition, data, { source: '/emporium/tests' }, id);
      await redeliver(envelope);
      return envelope;
    },
    redeliver,
    async close() {
      await runner.stop();
      delivery.close();
      await component.close();
      await sink?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
