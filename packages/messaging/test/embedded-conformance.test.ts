// Runs the MessageBus conformance suite against the embedded broker: the real process
// (infra/broker/dist/src/main.js) on a free port and a throwaway data folder, restarted on the same
// port and folder for the durability specs. Then one fault the suite leaves out: a broker killed
// (SIGKILL, no shutdown) while messages flow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrokerProcess, startEmbeddedBroker } from '@emporium/testing';
import type { MessageBus } from '../src/bus.js';
import { connectEmbeddedBus } from '../src/embedded/embedded-bus.js';
import { openScenario, retryUntilOk, textMessage, waitUntil } from './support/bus-probe.js';
import { busConformanceSuite } from './support/conformance.js';

const connect = (broker: BrokerProcess) =>
  connectEmbeddedBus({ url: broker.url, name: 'embedded-conformance', onError: reportUnexpected });

let suiteBroker: BrokerProcess | undefined;
busConformanceSuite('embedded broker', {
  async start(): Promise<MessageBus> {
    suiteBroker = await startEmbeddedBroker();
    return connect(suiteBroker);
  },
  restartBroker: () => suiteBroker?.restart() ?? Promise.resolve(),
  stop: () => suiteBroker?.stop() ?? Promise.resolve(),
});

describe('embedded bus: a broker killed while messages flow', { timeout: 60_000 }, () => {
  let broker: BrokerProcess;
  let bus: MessageBus;
  before(async () => {
    broker = await startEmbeddedBroker();
    bus = await connect(broker);
  });
  after(async () => {
    await bus?.close();
    await broker.stop();
  });

  it('loses no acknowledged publish, and the consumer resumes by itself', async () => {
    const scenario = await openScenario(bus);
    const handled = new Set<string>();
    const sub = await bus.consume(scenario.consumer({ maxInFlight: 8 }), async (delivery) => {
      handled.add(delivery.id);
      await delivery.ack();
    });
    const acknowledged: string[] = [];
    const publishSome = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const message = textMessage(scenario.subject('flow'), `m${acknowledged.length}`);
        await retryUntilOk(() => bus.publish(message), 'publish');
        acknowledged.push(message.id);
      }
    };
    await publishSome(50);
    await broker.crash(); // SIGKILL, no shutdown, then the same port and folder again
    await publishSome(50);
    await waitUntil(() => acknowledged.every((id) => handled.has(id)), 'every acknowledged message handled', 20_000);
    assert.equal(bus.isConnected(), true);
    await sub.stop();
  });
});

/** Handlers in the suite throw on purpose; anything else the bus reports is worth seeing. */
function reportUnexpected(error: unknown): void {
  if (error instanceof Error && error.message.includes('expected by the test')) return;
  console.error('[embedded-bus]', error);
}
