// The Idempotency-Key helper the checkout, the stock panel and the refund form share: a retry of the same
// body keeps its key (the API applies it once), a changed body gets a new one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attemptFor, idempotencyHeader } from '../src/api/idempotency.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency keys', () => {
  it('keeps the key while the body is the same', () => {
    const first = attemptFor(undefined, { delta: -2, reason: 'damaged' });
    assert.match(first.key, UUID);
    assert.equal(attemptFor(first, { delta: -2, reason: 'damaged' }), first);
  });

  it('gives a changed body a new key', () => {
    const first = attemptFor(undefined, { delta: -2, reason: 'damaged' });
    const changed = attemptFor(first, { delta: -3, reason: 'damaged' });
    assert.notEqual(changed.key, first.key);
    assert.equal(changed.body, JSON.stringify({ delta: -3, reason: 'damaged' }));
  });

  it('sends the key in the Idempotency-Key header', () => {
    const attempt = attemptFor(undefined, {});
    assert.deepEqual(idempotencyHeader(attempt), { 'idempotency-key': attempt.key });
  });
});
