// Conformance specs across a broker restart: what was stored but not acked is still delivered, what
// was acked is not, and a subscription that was running keeps receiving once the broker is back.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DeliveryLog, openScenario, retryUntilOk, sleep, textMessage, waitUntil } from './bus-probe.js';
import type { SuiteContext } from './conformance.js';

const ACK_WAIT_MS = 500;
const BACK_WITHIN_MS = 20_000;

export function durabilitySpecs({ bus, harness }: SuiteContext): void {
  const restart = async () => {
    if (!harness.restartBroker) throw new Error('the harness cannot restart its broker');
    await harness.restartBroker();
  };

  it('delivers, after a restart, what was stored but not acked, and nothing that was acked', async (t) => {
    const scenario = await openScenario(bus());
    const options = scenario.consumer({ ackWaitMs: ACK_WAIT_MS });
    for (const text of ['acked1', 'acked2', 'unacked']) await bus().publish(textMessage(scenario.subject('x'), text));
    const before = new DeliveryLog();
    const first = await bus().consume(options, async (delivery) => {
      const seen = before.record(delivery);
      if (seen.text !== 'unacked') await delivery.ack();
    });
    await waitUntil(() => before.seen.length === 3, 'the three first deliveries');
    await first.stop();

    await restart();
    // The bus reconnects by itself; a broker back up accepts the (idempotent) stream declaration.
    await retryUntilOk(() => bus().ensureStream(scenario.stream), 'the broker after restart', BACK_WITHIN_MS);
    const fresh = textMessage(scenario.subject('x'), 'new'); // one id, so a retried publish is deduplicated
    await retryUntilOk(() => bus().publish(fresh), 'publish', BACK_WITHIN_MS);
    const after = new DeliveryLog();
    const second = await bus().consume(options, async (delivery) => {
      after.record(delivery);
      await delivery.ack();
    });
    t.after(() => second.stop());
    await waitUntil(() => after.seen.length >= 2, 'the unacked and the new message', BACK_WITHIN_MS);
    await sleep(ACK_WAIT_MS * 3);
    assert.deepEqual(after.texts().sort(), ['new', 'unacked']);
  });

  it('keeps a running subscription receiving once the broker is back', async (t) => {
    const scenario = await openScenario(bus());
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer({ ackWaitMs: ACK_WAIT_MS }), async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await bus().publish(textMessage(scenario.subject('x'), 'before'));
    await waitUntil(() => log.seen.length === 1, 'the message published before the restart');

    await restart();
    const later = textMessage(scenario.subject('x'), 'after');
    await retryUntilOk(() => bus().publish(later), 'publish', BACK_WITHIN_MS);
    await waitUntil(() => log.of('after').length === 1, 'the message published after the restart', BACK_WITHIN_MS);
    assert.deepEqual(log.texts(), ['before', 'after']);
    assert.equal(bus().isConnected(), true);
  });
}
