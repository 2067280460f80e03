// The SMTP side: what nodemailer sends is kept and listed; a resend with the same Message-ID shows
// once; mail over the size limit is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessageJson } from '../src/api/schemas.js';
import { call, listMessages, newMail, type SinkHarness, sendMail, startTestSink } from './support/sink.js';

describe('notification sink: mail', () => {
  let harness: SinkHarness;
  let url: string;
  before(async () => {
    harness = await startTestSink({ maxMessageBytes: 64 * 1024 });
    url = harness.sink.httpUrl;
  });
  after(() => harness.close());

  it('lists a mail sent with nodemailer, with its subject, text, html, sender and recipient', async () => {
    const mail = newMail();
    const sent = await sendMail(harness.sink.smtpPort, mail);
    const [received, ...others] = await listMessages(url, `channel=email&to=${mail.to}`);
    assert.equal(others.length, 0);
    assert.equal(received?.to, mail.to);
    assert.equal(received?.subject, mail.subject);
    assert.equal(received?.text.trim(), mail.text);
    assert.equal(received?.html, mail.html);
    assert.match(received?.from ?? '', /shop@emporium\.local/);
    assert.equal(received?.message_id, sent.messageId);
    const one = await call<MessageJson>(url, 'GET', `/v1/messages/${received?.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, received);
  });

  it('stores a mail resent with the same Message-ID once', async () => {
    const mail = newMail({ messageId: `<resend-${process.pid}@notifications.emporium.local>` });
    await sendMail(harness.sink.smtpPort, mail);
    await sendMail(harness.sink.smtpPort, { ...mail, subject: 'the resend' });
    const received = await listMessages(url, `to=${mail.to}`);
    assert.deepEqual(
      received.map((m) => m.subject),
      [mail.subject],
    );
  });

  it('stores two mails with different Message-IDs to one recipient twice, newest first', async () => {
    const first = newMail();
    const second = newMail({ to: first.to });
    await sendMail(harness.sink.smtpPort, first);
    await sendMail(harness.sink.smtpPort, second);
    const received = await listMessages(url, `to=${first.to}`);
    assert.deepEqual(
      received.map((m) => m.subject),
      [second.subject, first.subject],
    );
    assert.equal((await listMessages(url, `to=${first.to}&limit=1`)).length, 1);
  });

  it('refuses a mail over the size limit with 552, and keeps nothing of it', async () => {
    const mail = newMail({ text: 'x'.repeat(100 * 1024) });
    await assert.rejects(sendMail(harness.sink.smtpPort, mail), (error: { responseCode?: number }) => {
      assert.equal(error.responseCode, 552);
      return true;
    });
    assert.deepEqual(await listMessages(url, `to=${mail.to}`), []);
  });

  it('answers 404 for an unknown message id and 400 for one that is not a UUID', async () => {
    const unknown = await call(url, 'GET', '/v1/messages/018f0000-0000-7000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.match(unknown.contentType, /application\/problem\+json/);
    assert.equal((await call(url, 'GET', '/v1/messages/not-a-uuid')).status, 400);
    assert.equal((await call(url, 'GET', '/v1/messages?channel=fax')).status, 400);
  });
});
