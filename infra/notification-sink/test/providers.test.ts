// The SMS and push provider stand-ins: accepted with 202 and an id, listed by channel, refused with
// 400 on bad input, and stored once per Idempotency-Key.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { call, listMessages, newMail, type SinkHarness, sendMail, startTestSink } from './support/sink.js';

let phones = 0;
const newPhone = () => {
  phones += 1;
  return `+1555${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`;
};

describe('notification sink: SMS and push', () => {
  let harness: SinkHarness;
  let url: string;
  before(async () => {
    harness = await startTestSink();
    url = harness.sink.httpUrl;
  });
  after(() => harness.close());

  it('accepts an SMS with 202 and an id, and lists it as sms to that number', async () => {
    const to = newPhone();
    const res = await call<{ id: string }>(url, 'POST', '/v1/sms', { to, body: 'Your order shipped' });
    assert.equal(res.status, 202);
    const [sms] = await listMessages(url, `channel=sms&to=${encodeURIComponent(to)}`);
    assert.equal(sms?.id, res.body.id);
    assert.equal(sms?.text, 'Your order shipped');
    assert.equal(sms?.channel, 'sms');
  });

  it('accepts a push with 202, keeping its title as the subject', async () => {
    const userId = randomUUID();
    const res = await call<{ id: string }>(url, 'POST', '/v1/push', {
      user_id: userId,
      title: 'Shipped',
      body: 'On its way',
    });
    assert.equal(res.status, 202);
    const [push] = await listMessages(url, `channel=push&to=${userId}`);
    assert.deepEqual([push?.id, push?.subject, push?.text], [res.body.id, 'Shipped', 'On its way']);
  });

  it('refuses bad SMS and push requests with 400 problem+json, storing nothing', async () => {
    const bad: Array<[string, object]> = [
      ['/v1/sms', { to: 'not a number', body: 'hi' }],
      ['/v1/sms', { to: '+0123', body: 'hi' }],
      ['/v1/sms', { to: newPhone(), body: '' }],
      ['/v1/sms', { to: newPhone() }],
      ['/v1/sms', { to: newPhone(), body: 'hi', extra: true }],
      ['/v1/push', { user_id: 'someone', title: 't', body: 'b' }],
      ['/v1/push', { user_id: randomUUID(), body: 'b' }],
    ];
    const before = (await listMessages(url, 'limit=500')).length;
    for (const [path, body] of bad) {
      const res = await call(url, 'POST', path, body);
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
      assert.match(res.contentType, /application\/problem\+json/);
    }
    assert.equal((await listMessages(url, 'limit=500')).length, before);
  });

  it('stores an SMS resent with the same Idempotency-Key once, answering with the first id', async () => {
    const to = newPhone();
    const key = { 'idempotency-key': randomUUID() };
    const first = await call<{ id: string }>(url, 'POST', '/v1/sms', { to, body: 'one' }, key);
    const again = await call<{ id: string }>(url, 'POST', '/v1/sms', { to, body: 'one' }, key);
    assert.equal(again.status, 202);
    assert.equal(again.body.id, first.body.id);
    assert.equal((await listMessages(url, `to=${encodeURIComponent(to)}`)).length, 1);
  });

  it('forgets everything on DELETE /v1/messages', async () => {
    await sendMail(harness.sink.smtpPort, newMail());
    await call(url, 'POST', '/v1/sms', { to: newPhone(), body: 'hi' });
    assert.equal((await call(url, 'DELETE', '/v1/messages')).status, 204);
    assert.deepEqual(await listMessages(url, ''), []);
  });
});
