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

describe('broker: durable pull consumers', () => {
  let broker: BrokerHarness;
  let call: BrokerApi;
  before(async () => {
    broker = await startBroker();
    call = api(broker);
  });
  after(() => broker.close());

  /** A stream with one durable consumer on it. */
  const newConsumer = async (settings: object | ((prefix: string) => object) = {}) => {
    const stream = uniqueName('S');
    const durable = uniqueName('d');
    const prefix = stream.toLowerCase();
    await call.ensureStream(stream, { subjects: [`${prefix}.>`] });
    const res = await call.ensureConsumer(
      stream,
      durable,
      typeof settings === 'function' ? settings(prefix) : settings,
    );
    assert.equal(res.statusCode, 200, res.body);
    const subject = (leaf: string) => `${prefix}.${leaf}`;
    return {
      stream,
      subject,
      publish: (leaf: string, text: string) => call.publish(subject(leaf), text),
      fetch: (batch = 10, expiresMs = 0) => call.fetch(stream, durable, batch, expiresMs),
      settle: (kind: 'ack' | 'nak' | 'term', tokens: string[], delayMs?: number) =>
        call.settle(kind, stream, durable, tokens, delayMs),
      info: async () => (await call.consumerInfo(stream, durable)).json(),
    };
  };
  const texts = (messages: Array<{ data: string }>) => messages.map((m) => decode(m.data));

  it('delivers from the start of the stream in order, and an acked message never again', async () => {
    const c = await newConsumer({ ack_wait_ms: 100 });
    for (const text of ['m1', 'm2', 'm3']) await c.publish('a', text);
    const first = await c.fetch(2);
    assert.deepEqual(texts(first), ['m1', 'm2']);
    assert.deepEqual(
      first.map((m) => m.deliveries),
      [1, 1],
    );
    assert.deepEqual(
      (
        await c.settle(
          'ack',
          first.map((m) => m.token),
        )
      ).json(),
      { settled: 2 },
    );
    assert.deepEqual(texts(await c.fetch(10)), ['m3']);
    await sleep(250);
    assert.deepEqual(texts(await c.fetch(10)), ['m3'], 'only the unacked one comes back after ack wait');
  });

  it('delivers only subjects its filter matches', async () => {
    const filtered = await newConsumer((prefix) => ({ filter_subjects: [`${prefix}.orders.*`] }));
    for (const leaf of ['orders.created', 'users.created', 'orders.paid']) await filtered.publish(leaf, leaf);
    assert.deepEqual(texts(await filtered.fetch(10)), ['orders.created', 'orders.paid']);
  });

  it('redelivers an unacked message after ack_wait, counting deliveries', async () => {
    const c = await newConsumer({ ack_wait_ms: 150 });
    await c.publish('a', 'slow');
    const started = Date.now();
    const [first] = await c.fetch(1);
    assert.deepEqual(await c.fetch(1), [], 'in flight: not handed to anyone else');
    const [again] = await c.fetch(1, 2000);
    assert.ok(Date.now() - started >= 140, 'not before the ack wait');
    assert.equal(again?.sequence, first?.sequence);
    assert.equal(again?.deliveries, 2);
  });

  it('nak with a delay delivers again only after the delay', async () => {
    const c = await newConsumer({ ack_wait_ms: 10_000 });
    await c.publish('a', 'retry');
    const [first] = await c.fetch(1);
    const nakked = Date.now();
    await c.settle('nak', [first?.token ?? ''], 200);
    assert.deepEqual(await c.fetch(1), [], 'not yet');
    const [again] = await c.fetch(1, 2000);
    assert.ok(Date.now() - nakked >= 190, 'not before the delay');
    assert.equal(again?.deliveries, 2);
  });

  it('ignores a nak from a delivery that has since been delivered again', async () => {
    const c = await newConsumer({ ack_wait_ms: 50 });
    await c.publish('a', 'contested');
    const [stale] = await c.fetch(1);
    const [current] = await c.fetch(1, 1000);
    assert.equal((await c.settle('nak', [stale?.token ?? ''])).json().settled, 0);
    assert.equal((await c.info()).in_flight, 1, 'still with the current holder');
    assert.equal((await c.settle('ack', [current?.token ?? ''])).json().settled, 1);
  });

  it('term stops delivery of that message only', async () => {
    const c = await newConsumer({ ack_wait_ms: 50 });
    await c.publish('a', 'poison');
    await c.publish('a', 'fine');
    const [poison] = await c.fetch(1);
    await c.settle('term', [poison?.token ?? '']);
    await sleep(120);
    assert.deepEqual(texts(await c.fetch(10)), ['fine']);
  });

  it('stops delivering after max_deliver, by nak or by expired ack wait', async () => {
    const c = await newConsumer({ ack_wait_ms: 100, max_deliver: 2 });
    await c.publish('a', 'nakked');
    await c.publish('a', 'ignored');
    const nakOf = (messages: Array<{ data: string; token: string }>) =>
      c.settle('nak', [messages.find((m) => decode(m.data) === 'nakked')?.token ?? '']);
    await nakOf(await c.fetch(10));
    await sleep(150);
    const second = await c.fetch(10);
    assert.deepEqual(
      second.map((m) => [decode(m.data), m.deliveries]),
      [
        ['nakked', 2],
        ['ignored', 2],
      ],
    );
    await nakOf(second);
    await sleep(250);
    assert.deepEqual(await c.fetch(10, 100), []);
    assert.deepEqual(await c.info().then((i) => [i.in_flight, i.waiting]), [0, 0]);
  });

  it('a waiting fetch answers as soon as a message is published', async () => {
    const c = await newConsumer();
    const waiting = c.fetch(5, 5000);
    await sleep(50);
    const started = Date.now();
    await c.publish('a', 'wake');
    assert.deepEqual(texts(await waiting), ['wake']);
    assert.ok(Date.now() - started < 1000);
  });

  it('an empty fetch answers with nothing when it expires', async () => {
    const c = await newConsumer();
    const started = Date.now();
    assert.deepEqual(await c.fetch(5, 150), []);
    assert.ok(Date.now() - started >= 140);
  });

  it('shares a durable between competing fetchers, each message in flight with one of them', async () => {
    const c = await newConsumer({ ack_wait_ms: 10_000 });
    const fetchers = [0, 1, 2, 3].map(() => c.fetch(3, 3000));
    await sleep(20);
    const sent = Array.from({ length: 10 }, (_, i) => `w${i}`);
    for (const text of sent) await c.publish('work', text);
    const got = (await Promise.all(fetchers)).map(texts);
    const rest = texts(await c.fetch(10));
    assert.deepEqual([...got.flat(), ...rest].sort(), [...sent].sort(), 'each message exactly once');
    assert.ok(got.filter((g) => g.length > 0).length >= 2, `spread over fetchers: ${JSON.stringify(got)}`);
  });

  it('gives a single fetcher each subject in publish order, redeliveries first', async () => {
    const c = await newConsumer({ ack_wait_ms: 10_000 });
    for (let i = 0; i < 5; i++) for (const leaf of ['a', 'b']) await c.publish(leaf, `${leaf}${i}`);
    const [first] = await c.fetch(1);
    await c.settle('nak', [first?.token ?? '']);
    const all = texts(await c.fetch(100));
    assert.deepEqual(all, ['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
  });

  it('refuses bad consumer requests with 4xx problems', async () => {
    const c = await newConsumer();
    const stream = uniqueName('S');
    assert.equal((await call.ensureConsumer(stream, 'd')).statusCode, 404, 'no such stream');
    assert.equal((await call.consumerInfo(stream, 'd')).statusCode, 404);
    assert.equal((await call.ensureConsumer(c.stream, 'd', { filter_subjects: ['a.>.b'] })).statusCode, 400);
    assert.equal((await call.ensureConsumer(c.stream, 'd', { ack_wait_ms: 0 })).statusCode, 400);
    assert.equal((await c.settle('ack', ['not-a-token'])).statusCode, 400);
    assert.equal((await c.settle('ack', [])).statusCode, 400);
    assert.equal((await c.settle('nak', ['1.1'], -5)).statusCode, 400);
    const bad = await broker.app.inject({
      method: 'POST',
      url: `/v1/consumers/${stream}/x/fetch`,
      payload: { batch: 0 },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await c.settle('ack', ['99.1'])).json().settled, 0, 'an unknown delivery is not an error');
  });
});
