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

// Restarts here close the in-process broker and open a new one on the same store; broker-process.test.ts
// kills a real process instead.
describe('broker: durability across a restart', () => {
  let broker: BrokerHarness;
  let call: BrokerApi;
  before(async () => {
    broker = await startBroker();
    call = api(broker);
  });
  after(() => broker.close());

  const setUp = async (consumer: object) => {
    const stream = uniqueName('S');
    const durable = uniqueName('d');
    const subject = `${stream.toLowerCase()}.x`;
    await call.ensureStream(stream, { subjects: [`${stream.toLowerCase()}.>`] });
    await call.ensureConsumer(stream, durable, consumer);
    return { stream, durable, subject };
  };

  it('keeps streams, messages, sequences and dedup ids', async () => {
    const { stream, subject } = await setUp({});
    const id = 'id-kept-ü-😀'; // ids are any text, not only ASCII
    await call.publish(subject, 'kept', id);
    await broker.restart();
    assert.equal((await call.publish(subject, 'kept', id)).json().duplicate, true);
    assert.equal((await call.publish(subject, 'next')).json().sequence, 2);
    const stored = (await call.read(stream)).json().messages;
    assert.deepEqual(
      stored.map((m: { data: string }) => decode(m.data)),
      ['kept', 'next'],
    );
  });

  it('keeps consumer progress: acked messages stay acked, the cursor stays put', async () => {
    const { stream, durable, subject } = await setUp({ ack_wait_ms: 10_000 });
    for (const text of ['a', 'b', 'c']) await call.publish(subject, text);
    const [a] = await call.fetch(stream, durable, 1);
    await call.settle('ack', stream, durable, [a?.token ?? '']);
    await broker.restart();
    const rest = await call.fetch(stream, durable, 10);
    assert.deepEqual(
      rest.map((m) => decode(m.data)),
      ['b', 'c'],
    );
  });

  it('keeps an in-flight delivery in flight until its ack wait ends, and still accepts its ack', async () => {
    // Long enough that a restart on a loaded machine ends well inside it.
    const { stream, durable, subject } = await setUp({ ack_wait_ms: 3000 });
    await call.publish(subject, 'held');
    await call.publish(subject, 'acked-after-restart');
    const [held, acked] = await call.fetch(stream, durable, 2);
    await broker.restart();
    assert.deepEqual(await call.fetch(stream, durable, 10), [], 'still in flight after the restart');
    assert.equal((await call.settle('ack', stream, durable, [acked?.token ?? ''])).json().settled, 1);
    const [again] = await call.fetch(stream, durable, 10, 6000);
    assert.equal(again?.sequence, held?.sequence);
    assert.equal(again?.deliveries, 2);
    await call.settle('ack', stream, durable, [again?.token ?? '']);
    await sleep(3500);
    assert.deepEqual(await call.fetch(stream, durable, 10), [], 'neither comes back once acked');
  });

  it('keeps a nak delay across a restart', async () => {
    const { stream, durable, subject } = await setUp({ ack_wait_ms: 10_000 });
    await call.publish(subject, 'later');
    const [first] = await call.fetch(stream, durable, 1);
    const nakked = Date.now();
    await call.settle('nak', stream, durable, [first?.token ?? ''], 400);
    await broker.restart();
    const [again] = await call.fetch(stream, durable, 1, 3000);
    assert.ok(Date.now() - nakked >= 390, 'not before the delay');
    assert.equal(again?.deliveries, 2);
  });

  it('answers a waiting fetch with nothing when the broker closes', async () => {
    const { stream, durable } = await setUp({});
    const waiting = call.fetch(stream, durable, 1, 30_000);
    await sleep(20);
    const started = Date.now();
    await broker.restart();
    assert.deepEqual(await waiting, []);
    assert.ok(Date.now() - started < 5000);
  });
});
