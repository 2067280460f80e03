// Matchers from a message's schema: ids, timestamps, enums and numbers match by kind, constants exactly,
// and an example that breaks its schema is refused before it can become a pact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InventoryReservationFailed, OrderCreated } from '@emporium/contracts';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { envelopeExpectation } from '../src/message-consumer.js';
import { exampleOf } from '../src/message-examples.js';
import { matchersFor } from '../src/schema-matchers.js';

const rule = (value: unknown) => value as { 'pact:matcher:type'?: string; regex?: string; value?: unknown };

describe('contract-testing: matchers from schemas', () => {
  it('matches ids as UUIDs, timestamps as RFC 3339 and integers as integers', () => {
    const { data } = exampleOf(OrderCreated);
    const matched = matchersFor(OrderCreated.schema as never, data) as Record<string, unknown>;
    assert.equal(rule(matched.order_id)['pact:matcher:type'], 'regex');
    assert.match(String(rule(matched.created_at).regex), /\\d\{4\}/);
    const items = rule(matched.items);
    assert.equal(items['pact:matcher:type'], 'type');
    const line = (items.value as Array<{ quantity: unknown }>)[0];
    assert.equal(rule(line?.quantity)['pact:matcher:type'], 'integer');
  });

  it('matches a union of literals as any of its values', () => {
    const { data } = exampleOf(InventoryReservationFailed);
    const matched = matchersFor(InventoryReservationFailed.schema as never, data) as Record<string, unknown>;
    assert.equal(rule(matched.reason).regex, '(out_of_stock|unknown_product|order_released)');
  });

  it('keeps the envelope type and source exact', () => {
    const envelope = envelopeExpectation(exampleOf(OrderCreated));
    assert.equal(envelope.type, 'emporium.orders.OrderCreated.v1');
    assert.equal(envelope.source, '/emporium/orders');
    assert.deepEqual((M.reify(envelope) as { data: unknown }).data, exampleOf(OrderCreated).data);
  });

  it('refuses an example that breaks its schema', () => {
    assert.throws(
      () => envelopeExpectation(exampleOf(OrderCreated, { data: { total: { amount: -1, currency: 'USD' } } })),
      /example data of OrderCreated is invalid/,
    );
  });
});
