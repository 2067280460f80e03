// What only the NATS adapter promises beyond the shared conformance suite: stream and consumer
// declarations converge when repeated or raced, a deleted durable comes back, and a throughput figure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findNatsServer, type NatsServerProcess, startNatsServer } from '@emporium/testing';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { millis, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { MessageBus } from '../src/bus.js';
import { connectNatsBus } from '../src/nats/nats-bus.js';
import { DeliveryLog, openScenario, textMessage, waitUntil } from './support/bus-probe.js';

const binary = findNatsServer();
if (!binary && process.env.CI === 'true') throw new Error('CI=true but no nats-server binary');

describe('NATS JetStream bus', { skip: !binary && 'nats-server is not installed', timeout: 60_000 }, () => {
  let server: NatsServerProcess;
  let buses: MessageBus[];
  let inspector: NatsConnection;
  let jsm: JetStreamManager;
  const bus = () => buses[0] as MessageBus;

  before(async () => {
    server = await startNatsServer(binary ?? '');
    buses = await Promise.all(['one', 'two'].map((name) => connectNatsBus({ servers: server.url, name })));
    inspector = await connect({ servers: server.url, name: 'inspector' });
    jsm = await jetstreamManager(inspector);
  });
  after(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await inspector.close();
    await server.stop();
  });

  it('declares a stream from two processes at once, then applies changed options', async () => {
    const stream = { name: 'RACED', subjects: ['raced.>'], maxAgeMs: 60_000, duplicateWindowMs: 10_000 };
    await Promise.all(buses.map((b) => b.ensureStream(stream)));
    await bus().ensureStream({ ...stream, maxAgeMs: 120_000 });
    const { config } = await jsm.streams.info('RACED');
    assert.equal(millis(config.max_age), 120_000);
    assert.equal(millis(config.duplicate_window), 10_000);
    assert.equal(config.storage, 'file');
  });

  it('brings an existing durable to the options of the latest consume()', async () => {
    const scenario = await openScenario(bus());
    await (await bus().consume(scenario.consumer({ ackWaitMs: 5_000 }), async (d) => d.ack())).stop();
    const sub = await buses[1]?.consume(scenario.consumer({ ackWaitMs: 700, maxDeliveries: 4 }), async (d) => d.ack());
    await sub?.stop();
    const { config } = await jsm.consumers.info(scenario.stream.name, scenario.durable);
    assert.equal(millis(config.ack_wait ?? 0), 700);
    assert.equal(config.max_deliver, 4);
  });

  it('re-creates a durable deleted under a running subscription and keeps consuming', async (t) => {
    const scenario = await openScenario(bus());
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer(), async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await jsm.consumers.delete(scenario.stream.name, scenario.durable);
    await bus().publish(textMessage(scenario.subject('x'), 'after-delete'));
    await waitUntil(() => log.of('after-delete').length > 0, 'a delivery from the re-created durable', 20_000);
  });

  it('measures publish-to-handled throughput', async (t) => {
    const scenario = await openScenario(bus());
    const count = 5_000;
    const log = new DeliveryLog();
    const started = Date.now();
    const sub = await bus().consume(scenario.consumer({ maxInFlight: 64 }), async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    const window = 256; // publishes in flight at once, as an outbox relay batch would
    for (let i = 0; i < count; i += window) {
      const batch = Array.from({ length: Math.min(window, count - i) }, (_, j) => `m${i + j}`);
      await Promise.all(batch.map((text) => bus().publish(textMessage(scenario.subject('load'), text))));
    }
    await waitUntil(() => log.seen.length >= count, `${count} deliveries`, 30_000);
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(
      `${count} messages published and handled in ${seconds.toFixed(2)} s: ${Math.round(count / seconds)}/s`,
    );
    assert.equal(new Set(log.texts()).size, count);
  });
});
