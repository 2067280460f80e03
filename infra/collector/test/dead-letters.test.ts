// Dead letters through the collector, on a real embedded broker: listed with why and from where, and
// replayed to their original subject.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  connectBus,
  DEAD_LETTER_HEADERS,
  deadLetterSubject,
  ensureStreams,
  type MessageBus,
  readWholeStream,
} from '@emporium/messaging';
import { type BrokerProcess, startEmbeddedBroker } from '@emporium/testing';
import { type Harness, startCollector } from './support/harness.js';

describe('collector: dead letters', () => {
  let broker: BrokerProcess;
  let bus: MessageBus;
  let h: Harness;
  const id = '0193a5f2-0000-7000-8000-0000000000dd';
  const envelope = {
    specversion: '1.0',
    id,
    source: '/emporium/orders',
    type: 'emporium.orders.OrderCreated.v1',
    time: '2026-11-28T00:00:00.000Z',
    datacontenttype: 'application/json',
    data: { order_id: 'o-1' },
  };

  before(async () => {
    broker = await startEmbeddedBroker();
    bus = await connectBus(broker.url, 'collector-test');
    await ensureStreams(bus, ['orders']);
    await bus.publish({
      subject: deadLetterSubject('notifications-from-orders'),
      id: `notifications-from-orders:${id}`,
      data: Buffer.from(JSON.stringify(envelope)),
      headers: {
        [DEAD_LETTER_HEADERS.reason]: 'handler failed 5 times: template missing',
        [DEAD_LETTER_HEADERS.subject]: envelope.type,
        [DEAD_LETTER_HEADERS.consumer]: 'notifications-from-orders',
        [DEAD_LETTER_HEADERS.deliveries]: '5',
        [DEAD_LETTER_HEADERS.originalId]: id,
      },
    });
    h = await startCollector({ bus });
  });
  after(async () => {
    await h?.close();
    await bus?.close();
    await broker?.stop();
  });

  it('lists each dead letter with its reason, consumer and data', async () => {
    const res = await h.app.inject({ url: '/v1/dead-letters', headers: h.admin });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items, [
      {
        id,
        subject: envelope.type,
        type: envelope.type,
        consumer: 'notifications-from-orders',
        deliveries: 5,
        reason: 'handler failed 5 times: template missing',
        time: envelope.time,
        data: { order_id: 'o-1' },
      },
    ]);
  });

  it('replays a dead letter to its original subject; an unknown id is 404', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/dead-letters/${id}/replay`, headers: h.admin });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { replayed: id });
    const stream = await readWholeStream(bus, 'EMPORIUM_ORDERS');
    const replayed = stream.find((m) => m.subject === envelope.type);
    assert.ok(replayed, 'the message is back on its subject');
    assert.deepEqual(JSON.parse(Buffer.from(replayed.data).toString('utf8')), envelope);
    const missing = await h.app.inject({ method: 'POST', url: '/v1/dead-letters/nope/replay', headers: h.admin });
    assert.equal(missing.statusCode, 404);
  });
});
