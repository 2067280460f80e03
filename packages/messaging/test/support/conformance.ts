// The MessageBus conformance suite: the same behaviour checks, through the interface only, for every
// adapter (NATS JetStream, the embedded broker). An adapter's test file calls busConformanceSuite
// with a harness that starts its broker and returns a connected bus.
import { after, before, describe } from 'node:test';
import type { MessageBus } from '../../src/bus.js';
import { deliverySpecs } from './conformance-delivery.js';
import { durabilitySpecs } from './conformance-durability.js';
import { redeliverySpecs } from './conformance-redelivery.js';

export interface BusHarness {
  /** Starts the broker (once) and returns a bus connected to it. */
  start(): Promise<MessageBus>;
  /** Stops the broker gracefully and starts it again on the same address and store. */
  restartBroker?(): Promise<void>;
  /** Stops the broker and whatever start() set up. The suite closes its bus first. */
  stop(): Promise<void>;
}

/** What a group of specs needs: the bus of the running suite and the harness behind it. */
export interface SuiteContext {
  bus(): MessageBus;
  harness: BusHarness;
}

export function busConformanceSuite(name: string, harness: BusHarness): void {
  describe(`MessageBus conformance: ${name}`, { timeout: 120_000 }, () => {
    let bus: MessageBus | undefined;
    before(async () => {
      bus = await harness.start();
    });
    after(async () => {
      await bus?.close();
      await harness.stop();
    });
    const context: SuiteContext = {
      harness,
      bus: () => {
        if (!bus) throw new Error('the harness did not start a bus');
        return bus;
      },
    };
    describe('delivery', () => deliverySpecs(context));
    describe('redelivery', () => redeliverySpecs(context));
    // Last: a broker restart would disturb specs running beside it.
    describe('durability across a broker restart', { skip: !harness.restartBroker }, () => durabilitySpecs(context));
  });
}
