// Conformance specs for first deliveries: what a handler receives, in what order, how instances of a
// durable share the work, broker-side dedup, reading a stream, and stopping a subscription.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DeliveryLog, openScenario, sleep, textMessage, textOf, waitUntil } from './bus-probe.js';
import type { SuiteContext } from './conformance.js';

export function deliverySpecs({ bus }: SuiteContext): void {
  it('hands the handler the published subject, id, data and headers, with deliveryCount 1', async (t) => {
    const scenario = await openScenario(bus());
    const sent = textMessage(scenario.subject('orders.created'), 'hello', { traceparent: '00-abc-def-01' });
    await bus().publish(sent);
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer(), async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await waitUntil(() => log.seen.length === 1, 'the delivery');
    assert.deepEqual(log.seen[0] && { ...log.seen[0], at: 0 }, {
      text: 'hello',
      subject: sent.subject,
      id: sent.id,
      headers: { traceparent: '00-abc-def-01' },
      deliveryCount: 1,
      at: 0,
    });
  });

  it('delivers each subject in publish order to one consumer with maxInFlight 1', async (t) => {
    const scenario = await openScenario(bus());
    const expected = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < 20; i++) {
      for (const leaf of ['a', 'b'] as const) {
        expected[leaf].push(`${leaf}${i}`);
        await bus().publish(textMessage(scenario.subject(leaf), `${leaf}${i}`));
      }
    }
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer({ maxInFlight: 1 }), async (delivery) => {
      // Uneven handler times would reorder the log if two handlers ever overlapped.
      await sleep(Math.random() * 3);
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await waitUntil(() => log.seen.length === 40, 'all 40 deliveries');
    const bySubject = (leaf: string) => log.seen.filter((s) => s.subject === scenario.subject(leaf)).map((s) => s.text);
    assert.deepEqual(bySubject('a'), expected.a);
    assert.deepEqual(bySubject('b'), expected.b);
  });

  it('shares one durable between two consume() calls, each message handled exactly once', async (t) => {
    const scenario = await openScenario(bus());
    const first = new DeliveryLog();
    const second = new DeliveryLog();
    const subs = await Promise.all(
      [first, second].map((log) =>
        bus().consume(scenario.consumer({ maxInFlight: 1 }), async (delivery) => {
          log.record(delivery);
          await sleep(5); // long enough that one instance cannot drain the stream alone
          await delivery.ack();
        }),
      ),
    );
    t.after(() => Promise.all(subs.map((sub) => sub.stop())));
    const texts = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await Promise.all(texts.map((text) => bus().publish(textMessage(scenario.subject('work'), text))));
    await waitUntil(() => first.seen.length + second.seen.length >= 40, 'all 40 deliveries');
    await sleep(300); // a duplicate delivery would show up here
    assert.ok(
      first.seen.length > 0 && second.seen.length > 0,
      `both instances worked (${first.seen.length}/${second.seen.length})`,
    );
    assert.deepEqual([...first.texts(), ...second.texts()].sort(), [...texts].sort());
  });

  it('runs up to maxInFlight handlers at once, never more', async (t) => {
    const scenario = await openScenario(bus());
    for (let i = 0; i < 20; i++) await bus().publish(textMessage(scenario.subject('batch'), `m${i}`));
    let running = 0;
    let peak = 0;
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer({ maxInFlight: 3 }), async (delivery) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(20);
      log.record(delivery);
      running--;
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await waitUntil(() => log.seen.length === 20, 'all 20 deliveries');
    assert.equal(peak, 3);
  });

  it('stores a re-published id once, reports the second publish as a duplicate and delivers once', async (t) => {
    const scenario = await openScenario(bus());
    const message = textMessage(scenario.subject('dedup'), 'once');
    assert.deepEqual(await bus().publish(message), { duplicate: false });
    assert.deepEqual(await bus().publish(message), { duplicate: true });
    const log = new DeliveryLog();
    const sub = await bus().consume(scenario.consumer(), async (delivery) => {
      log.record(delivery);
      await delivery.ack();
    });
    t.after(() => sub.stop());
    await waitUntil(() => log.seen.length === 1, 'the delivery');
    await sleep(300);
    assert.deepEqual(log.texts(), ['once']);
    assert.equal((await bus().read(scenario.stream.name, 1, 10)).length, 1);
  });

  it('read() returns stored messages in order with their sequences, without consuming them', async () => {
    const scenario = await openScenario(bus());
    const sent = ['r0', 'r1', 'r2', 'r3', 'r4'].map((text) => textMessage(scenario.subject('log'), text, { n: text }));
    for (const message of sent) await bus().publish(message);
    const all = await bus().read(scenario.stream.name, 1, 100);
    assert.deepEqual(
      all.map((m) => [textOf(m), m.id, m.subject, m.headers]),
      sent.map((m) => [textOf(m), m.id, m.subject, m.headers]),
    );
    const sequences = all.map((m) => m.sequence);
    assert.ok(
      sequences.every((seq, i) => i === 0 || seq > (sequences[i - 1] ?? 0)),
      `increasing: ${sequences}`,
    );
    const page = await bus().read(scenario.stream.name, sequences[2] ?? 0, 2);
    assert.deepEqual(page.map(textOf), ['r2', 'r3']);
    assert.deepEqual(await bus().read(scenario.stream.name, (sequences[4] ?? 0) + 1, 10), []);
    assert.equal((await bus().read(scenario.stream.name, 1, 100)).length, 5, 'reading consumed nothing');
  });

  it('stop() waits for the handlers in flight to finish', async () => {
    const scenario = await openScenario(bus());
    await bus().publish(textMessage(scenario.subject('slow'), 'slow'));
    let started = false;
    let finished = false;
    const sub = await bus().consume(scenario.consumer(), async (delivery) => {
      started = true;
      await sleep(300);
      await delivery.ack();
      finished = true;
    });
    await waitUntil(() => started, 'the handler to start');
    await sub.stop();
    assert.equal(finished, true);
  });
}
