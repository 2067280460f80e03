// Conformance specs for redelivery: a crashed or silent consumer's message comes again after ackWait,
// nak(delay) waits, term and maxDeliveries stop it, and a throwing handler does not stop the consumer.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DeliveryLog, openScenario, sleep, textMessage, waitUntil } from './bus-probe.js';
import type { SuiteContext } from './conformance.js';

const ACK_WAIT_MS = 500;
/** Timers on either side may fire a little early by the clock the test reads. */
const CLOCK_SLACK_MS = 50;

export function redeliverySpecs({ bus }: SuiteContext): void {
  it('redelivers to another instance, after ackWait, a message whose consumer hung mid-handler', async (t) => {
    const scenario = await openScenario(bus());
    const options = scenario.consumer({ ackWaitMs: ACK_WAIT_MS });
    let release = () => {};
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const crashed = new DeliveryLog();
    const crashedSub = await bus().consume(options, async (delivery) => {
      crashed.record(delivery);
      await hung; // a process stuck (or killed) before it could ack
    });
    t.after(async () => {
      release();
      await crashedSub.stop();
    });
    await bus().publish(textMessage(scenario.subject('job'), 'job'));
    await waitUntil(() => crashed.seen.length === 1, 'the first delivery');

    const survivor = new DeliveryLog();
    const survivorSub = await bus().consume(options, async (delivery) => {
      survivor.record(delivery);
      await delivery.ack();
    });
    t.after(() => survivorSub.stop());
    await waitUntil(() => survivor.seen.length === 1, 'the redelivery');
    const [first, again] = [crashed.seen[0], survivor.seen[0]];
    assert.equal(again?.text, 'job');
    assert.equal(again?.deliveryCount, 2);
    assert.ok((again?.at ?? 0) - (first?.at ?? 0) >= ACK_WAIT_MS - CLOCK_SLACK_MS, 'not before ackWait');
  });

  it('delivers again, after ackWait, a message a stopped consumer left unsettled', async (t) => {
    const scenario = await openScenario(bus());
    const options = scenario.consumer({ ackWaitMs: ACK_WAIT_MS });
    const log = new DeliveryLog();
    const silent = await bus().consume(options, async (delivery) => {
      log.record(delivery); // neither ack nor nak: as if the process died here
    });
    await bus().publish(textMessage(scenario.subject('job'), 'job'));
    await waitUntil(() => log.seen.length === 1, 'the first delivery');
    await silent.stop();

    const next = await bus().consume(options, async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => next.stop());
    await waitUntil(() => log.seen.length === 2, 'the redelivery');
    assert.deepEqual(
      log.seen.map((s) => [s.text, s.deliveryCount]),
      [
        ['job', 1],
        ['job', 2],
      ],
    );
  });

  it('nak(delay) delivers again with deliveryCount 2, not before the delay', async (t) => {
    const scenario = await openScenario(bus());
    const delayMs = 600;
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer(), async (delivery) => {
      log.record(delivery);
      if (delivery.deliveryCount === 1) await delivery.nak(delayMs);
      else await delivery.ack();
    });
    t.after(() => sub.stop());
    await bus().publish(textMessage(scenario.subject('retry'), 'retry'));
    await waitUntil(() => log.seen.length === 2, 'the redelivery');
    const [first, second] = log.seen;
    assert.equal(second?.deliveryCount, 2);
    assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= delayMs - CLOCK_SLACK_MS, 'not before the delay');
  });

  it('term() stops redelivery of that message while others keep flowing', async (t) => {
    const scenario = await openScenario(bus());
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer({ ackWaitMs: ACK_WAIT_MS }), async (delivery) => {
      const seen = log.record(delivery);
      if (seen.text === 'poison') await delivery.term();
      else await delivery.ack();
    });
    t.after(() => sub.stop());
    await bus().publish(textMessage(scenario.subject('x'), 'poison'));
    await bus().publish(textMessage(scenario.subject('x'), 'fine'));
    await waitUntil(() => log.seen.length === 2, 'both deliveries');
    await sleep(ACK_WAIT_MS * 3);
    assert.deepEqual(log.texts(), ['poison', 'fine']);
  });

  it('stops delivering a message after maxDeliveries', async (t) => {
    const scenario = await openScenario(bus());
    const log = new DeliveryLog();
    const options = scenario.consumer({ ackWaitMs: ACK_WAIT_MS, maxDeliveries: 3 });
    const sub = await bus().consume(options, async (delivery) => {
      log.record(delivery);
      await delivery.nak(0);
    });
    t.after(() => sub.stop());
    await bus().publish(textMessage(scenario.subject('doomed'), 'doomed'));
    await waitUntil(() => log.seen.length === 3, 'three deliveries');
    await sleep(ACK_WAIT_MS * 3);
    assert.deepEqual(
      log.seen.map((s) => s.deliveryCount),
      [1, 2, 3],
    );
  });

  it('keeps consuming after a handler throws, and delivers the failed message again', async (t) => {
    const scenario = await openScenario(bus());
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer({ ackWaitMs: ACK_WAIT_MS }), async (delivery) => {
      const seen = log.record(delivery);
      if (seen.text === 'flaky' && seen.deliveryCount === 1) throw new Error('handler failed (expected by the test)');
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await bus().publish(textMessage(scenario.subject('x'), 'flaky'));
    await bus().publish(textMessage(scenario.subject('x'), 'after'));
    await waitUntil(
      () => log.of('flaky').length === 2 && log.of('after').length === 1,
      'the retry and the next message',
    );
    assert.equal(log.of('flaky')[1]?.deliveryCount, 2);
  });
}
