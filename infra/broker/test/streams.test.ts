import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  api,
  type BrokerApi,
  type BrokerHarness,
  decode,
  sleep,
  startBroker,
  uniqueName,
} from './support/broker-app.js';

describe('broker: streams, publish and read', () => {
  let broker: BrokerHarness;
  let call: BrokerApi;
  before(async () => {
    broker = await startBroker({ retentionIntervalMs: 20 });
    call = api(broker);
  });
  after(() => broker.close());

  const newStream = async (body: Partial<{ max_age_ms: number; duplicate_window_ms: number }> = {}) => {
    const name = uniqueName('S');
    const prefix = name.toLowerCase();
    const res = await call.ensureStream(name, { subjects: [`${prefix}.>`], ...body });
    assert.equal(res.statusCode, 200, res.body);
    return { name, subject: (leaf: string) => `${prefix}.${leaf}` };
  };

  it('stores a message in the stream whose pattern matches, with increasing sequences', async () => {
    const stream = await newStream();
    const first = await call.publish(stream.subject('a'), 'one');
    const second = await call.publish(stream.subject('b.c'), 'two');
    assert.deepEqual(first.json(), { stream: stream.name, sequence: 1, duplicate: false });
    assert.deepEqual(second.json(), { stream: stream.name, sequence: 2, duplicate: false });
    const info = (await call.streamInfo(stream.name)).json();
    assert.equal(info.last_sequence, 2);
    assert.equal(info.messages, 2);
  });

  it('answers 404 for a subject no stream takes', async () => {
    const res = await call.publish(`nobody.${uniqueName('x')}`, 'lost');
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('stores a re-published id once within the duplicate window and reports the duplicate', async () => {
    const stream = await newStream();
    const first = await call.publish(stream.subject('a'), 'once', 'id-1');
    const again = await call.publish(stream.subject('a'), 'different body, same id', 'id-1');
    assert.deepEqual(again.json(), { ...first.json(), duplicate: true });
    const both = await Promise.all([1, 2].map(() => call.publish(stream.subject('a'), 'racing', 'id-2')));
    assert.deepEqual(both.map((r) => r.json().duplicate).sort(), [false, true]);
    assert.equal((await call.streamInfo(stream.name)).json().messages, 2);
  });

  it('accepts an id again once it has left the duplicate window', async () => {
    const stream = await newStream({ duplicate_window_ms: 50 });
    await call.publish(stream.subject('a'), 'one', 'same');
    await sleep(120);
    assert.equal((await call.publish(stream.subject('a'), 'two', 'same')).json().duplicate, false);
  });

  it('drops messages older than max_age and keeps the sequence going', async () => {
    const stream = await newStream({ max_age_ms: 100 });
    await call.publish(stream.subject('a'), 'old');
    await sleep(250);
    await call.publish(stream.subject('a'), 'young');
    const info = (await call.streamInfo(stream.name)).json();
    assert.equal(info.messages, 1);
    assert.equal(info.first_sequence, 2);
    assert.deepEqual(
      (await call.read(stream.name)).json().messages.map((m: { data: string }) => decode(m.data)),
      ['young'],
    );
  });

  it('lets a consumer skip a redelivery whose message retention has dropped', async () => {
    const stream = await newStream({ max_age_ms: 100 });
    const durable = uniqueName('d');
    await call.ensureConsumer(stream.name, durable, { ack_wait_ms: 10_000 });
    await call.publish(stream.subject('a'), 'expiring');
    const [delivered] = await call.fetch(stream.name, durable, 1);
    await call.settle('nak', stream.name, durable, [delivered?.token ?? ''], 250);
    await sleep(400);
    assert.deepEqual(await call.fetch(stream.name, durable, 10), []);
    const info = (await call.consumerInfo(stream.name, durable)).json();
    assert.deepEqual([info.in_flight, info.waiting], [0, 0]);
  });

  it('reads stored messages in order from a sequence, with their headers, without consuming them', async () => {
    const stream = await newStream();
    for (const text of ['r1', 'r2', 'r3']) await call.publish(stream.subject('x'), text, text, { n: text });
    const page = (await call.read(stream.name, '?from=2&limit=1')).json().messages;
    assert.equal(page.length, 1);
    assert.equal(page[0].sequence, 2);
    assert.equal(decode(page[0].data), 'r2');
    assert.deepEqual(page[0].headers, { n: 'r2' });
    assert.equal((await call.read(stream.name)).json().messages.length, 3);
  });

  it('updates a stream in place, keeping its messages and sequence', async () => {
    const stream = await newStream();
    await call.publish(stream.subject('a'), 'kept');
    const prefix = stream.subject('a').split('.')[0];
    const res = await call.ensureStream(stream.name, { subjects: [`${prefix}.>`, `${prefix}x.*`], max_age_ms: 60_000 });
    assert.equal(res.json().max_age_ms, 60_000);
    assert.equal(res.json().last_sequence, 1);
    assert.equal((await call.publish(`${prefix}x.b`, 'new subject')).json().sequence, 2);
  });

  it('refuses a stream whose subjects overlap another stream with 409', async () => {
    const stream = await newStream();
    const res = await call.ensureStream(uniqueName('S'), { subjects: [stream.subject('*')] });
    assert.equal(res.statusCode, 409);
  });

  it('refuses malformed input with 400 problems and keeps serving', async () => {
    const name = uniqueName('S');
    const cases = [
      await call.ensureStream(name, { subjects: [] }),
      await call.ensureStream(name, { subjects: ['a.>.b'] }),
      await call.ensureStream('bad name!', { subjects: ['q.>'] }),
      await call.ensureStream(name, { subjects: ['q.>'], extra: true }),
      await broker.app.inject({ method: 'POST', url: '/v1/publish', payload: { subject: 'a.*', id: 'x', data: '' } }),
      await broker.app.inject({ method: 'POST', url: '/v1/publish', payload: { subject: 'a.b', id: 'x', data: '%%' } }),
      await broker.app.inject({
        method: 'POST',
        url: '/v1/publish',
        headers: { 'content-type': 'application/json' },
        payload: '{"subject":',
      }),
      await call.read(name, '?from=0'),
    ];
    for (const res of cases) {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().status, 400);
    }
    assert.equal((await call.streamInfo(name)).statusCode, 404);
  });
});
