// What analytics consumes: every domain event of the contracts, so a new event cannot be forgotten,
// and no command.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_MESSAGES } from '@emporium/contracts';
import { DOMAIN_EVENTS, HANDLERS, PUBLISHES } from '../src/messages/subscriptions.js';

describe('analytics subscriptions', () => {
  const handled = HANDLERS.map((h) => h.message.type);

  test('every event the contracts declare has exactly one handler', () => {
    const events = ALL_MESSAGES.filter((m) => m.kind === 'event').map((m) => m.type);
    assert.ok(events.length >= 19, 'the contracts list the shop events');
    assert.deepEqual(handled.toSorted(), events.toSorted());
    assert.equal(new Set(handled).size, handled.length, 'no event is handled twice');
    assert.deepEqual(DOMAIN_EVENTS.map((m) => m.type).toSorted(), events.toSorted());
  });

  test('no command is consumed: commands belong to their owning service', () => {
    const commands = new Set(ALL_MESSAGES.filter((m) => m.kind === 'command').map((m) => m.type));
    assert.ok(commands.size > 0);
    assert.deepEqual(
      handled.filter((t) => commands.has(t)),
      [],
    );
  });

  test('each subscription says why, and analytics publishes nothing', () => {
    for (const handler of HANDLERS) assert.ok(handler.why.length > 10, `${handler.message.type} says why`);
    assert.deepEqual(PUBLISHES, []);
  });
});
