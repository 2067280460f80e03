// The sink as a real process: what it received is still there after a restart on the same data
// folder, and a missing data folder setting stops it with status 78.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startReadyProcess, stopProcess } from '@emporium/testing';
import { call, listMessages, newMail, sendMail } from './support/sink.js';

const MAIN = resolve(import.meta.dirname, '../src/main.js');

describe('notification sink: the real process', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let url: string;
  let smtpPort: number;
  let child: ChildProcess | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emporium-sink-process-'));
    const port = await freePort();
    smtpPort = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { PORT: String(port), SINK_SMTP_PORT: String(smtpPort), SINK_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  });
  after(async () => {
    if (child) await stopProcess(child, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps received mail and SMS across a restart, and still de-duplicates the mail', async () => {
    child = await startReadyProcess(MAIN, [], env);
    const mail = newMail({ messageId: `<kept-${process.pid}@notifications.emporium.local>` });
    await sendMail(smtpPort, mail);
    const sms = await call<{ id: string }>(url, 'POST', '/v1/sms', { to: '+15555550100', body: 'kept' });
    assert.equal(sms.status, 202);

    await stopProcess(child, 'SIGTERM');
    child = await startReadyProcess(MAIN, [], env);

    await sendMail(smtpPort, mail);
    const mails = await listMessages(url, `to=${mail.to}`);
    assert.deepEqual(
      mails.map((m) => m.subject),
      [mail.subject],
    );
    assert.equal((await call(url, 'GET', `/v1/messages/${sms.body.id}`)).status, 200);
  });

  it('exits with status 78 naming SINK_DATA_DIR when it is not set', async () => {
    const bad = spawn(process.execPath, [MAIN], {
      env: { ...process.env, SINK_DATA_DIR: '', PORT: '0', SINK_SMTP_PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    bad.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(bad, 'exit');
    assert.equal(code, 78);
    assert.match(stderr, /SINK_DATA_DIR/);
  });
});
