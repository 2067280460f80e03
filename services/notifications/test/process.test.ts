// The service as real processes: notifications, the embedded broker and the sink. A UserRegistered
// published to the broker becomes a welcome email in the sink, and the service stops cleanly on
// SIGTERM (job runner, then messaging, then the database).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, UserRegistered } from '@emporium/contracts';
import { connectBus, ensureStreams, type MessageBus } from '@emporium/messaging';
import {
  type BrokerProcess,
  createTestDatabase,
  freePort,
  startEmbeddedBroker,
  startReadyProcess,
  stopProcess,
  type TestDatabase,
} from '@emporium/testing';
import { registration } from './support/events.js';
import { eventually, receivedBySink } from './support/waiting.js';

const SERVICE_MAIN = resolve(import.meta.dirname, '../src/main.js');
const SINK_MAIN = resolve(import.meta.dirname, '../../../../infra/notification-sink/dist/src/main.js');

describe('notifications: the real process', () => {
  let broker: BrokerProcess;
  let db: TestDatabase;
  let bus: MessageBus;
  let sink: ChildProcess;
  let service: ChildProcess;
  let sinkDir: string;
  let sinkUrl: string;
  let serviceUrl: string;

  before(async () => {
    broker = await startEmbeddedBroker();
    db = await createTestDatabase('notifications_process');
    sinkDir = await mkdtemp(join(tmpdir(), 'emporium-notifications-sink-'));
    const [sinkPort, smtpPort, servicePort] = await Promise.all([freePort(), freePort(), freePort()]);
    sinkUrl = `http://127.0.0.1:${sinkPort}`;
    serviceUrl = `http://127.0.0.1:${servicePort}`;
    sink = await startReadyProcess(SINK_MAIN, [], {
      PORT: String(sinkPort),
      SINK_SMTP_PORT: String(smtpPort),
      SINK_DATA_DIR: sinkDir,
      LOG_LEVEL: 'info',
    });
    service = spawn(process.execPath, [SERVICE_MAIN], {
      env: {
        ...process.env,
        PORT: String(servicePort),
        DATABASE_URL: db.url,
        BUS_URL: broker.url,
        JWKS_URL: 'http://127.0.0.1:9/unused-in-this-test',
        SMTP_PORT: String(smtpPort),
        SMS_PROVIDER_URL: `${sinkUrl}/v1/sms`,
        PUSH_PROVIDER_URL: `${sinkUrl}/v1/push`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await eventually(
      () =>
        fetch(`${serviceUrl}/readyz`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      'the notification service to be ready',
    );
    bus = await connectBus(broker.url, 'notifications-process-test');
    await ensureStreams(bus, ['users']);
  });
  after(async () => {
    await bus?.close();
    if (service) await stopProcess(service, 'SIGKILL');
    if (sink) await stopProcess(sink, 'SIGKILL');
    await db?.drop();
    await broker?.stop();
    await rm(sinkDir, { recursive: true, force: true });
  });

  it('turns a UserRegistered from the broker into a welcome email in the sink', async () => {
    const user = registration({ name: 'Process Test' });
    const envelope = createEnvelope(UserRegistered, user, { source: '/emporium/users', subject: user.user_id });
    await bus.publish({ subject: envelope.type, id: envelope.id, data: Buffer.from(JSON.stringify(envelope)) });
    const [mail] = await receivedBySink(sinkUrl, `channel=email&to=${encodeURIComponent(user.email)}`, 1, 30_000);
    assert.equal(mail?.subject, 'Welcome to Emporium');
    assert.match(mail?.text ?? '', /^Hi Process Test,/);
  });

  it('stops on SIGTERM with status 0, promptly', async () => {
    const started = Date.now();
    const exited = once(service, 'exit');
    service.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
  });
});
