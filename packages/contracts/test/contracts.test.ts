import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALL_MESSAGES,
  cloudEventValidator,
  createEnvelope,
  messageForType,
  PaymentRefundSkipped,
  ProductCreated,
  streamOf,
  UserRegistered,
} from '../src/index.js';

const registered = {
  user_id: '0190a3c4-1234-7abc-8def-0123456789ab',
  email: 'ada@example.com',
  name: 'Ada',
  registered_at: new Date().toISOString(),
};

describe('contracts', () => {
  it('declares every message of the design, each with a unique versioned type', () => {
    const names = ALL_MESSAGES.map((m) => m.name);
    for (const expected of [
      'UserRegistered',
      'UserProfileUpdated',
      'ProductCreated',
      'ProductUpdated',
      'ProductDiscontinued',
      'InventoryReserved',
      'InventoryReservationFailed',
      'InventoryReleased',
      'StockLow',
      'ReserveInventory',
      'CommitReservation',
      'ReleaseInventory',
      'OrderCreated',
      'OrderConfirmed',
      'OrderRejected',
      'OrderShipped',
      'OrderCancelled',
      'PaymentCompleted',
      'PaymentFailed',
      'PaymentRefunded',
      'PaymentRefundSkipped',
      'ProcessPayment',
      'RefundPayment',
      'NotificationSent',
      'NotificationFailed',
    ]) {
      assert.ok(names.includes(expected), `${expected} is missing`);
    }
    const types = ALL_MESSAGES.map((m) => m.type);
    assert.equal(new Set(types).size, types.length);
    for (const type of types) assert.match(type, /^emporium\.[a-z]+\.[A-Z][A-Za-z]+\.v\d+$/);
    assert.equal(UserRegistered.type, 'emporium.users.UserRegistered.v1');
  });

  it('finds a definition by type, and nothing for an unknown type', () => {
    assert.equal(messageForType('emporium.catalog.ProductCreated.v1'), ProductCreated);
    assert.equal(messageForType('emporium.catalog.ProductCreated.v9'), undefined);
  });

  it('wraps data in a valid CloudEvents envelope with a time-ordered id', () => {
    const event = createEnvelope(UserRegistered, registered, {
      source: '/emporium/users',
      subject: registered.user_id,
    });
    assert.ok(cloudEventValidator.Check(event));
    assert.equal(event.specversion, '1.0');
    assert.equal(event.type, 'emporium.users.UserRegistered.v1');
    assert.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    assert.equal(event.correlationid, event.id, 'a message with no cause starts its own flow');
    assert.equal(event.causationid, undefined);
  });

  it('carries correlation and causation from the message that caused it', () => {
    const cause = createEnvelope(UserRegistered, registered, { source: '/emporium/users' });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const effect = createEnvelope(UserRegistered, registered, {
      source: '/emporium/users',
      cause: { ...cause, traceparent },
    });
    assert.equal(effect.correlationid, cause.id);
    assert.equal(effect.causationid, cause.id);
    assert.equal(effect.traceparent, traceparent);
  });

  it('refuses to wrap data that breaks its schema', () => {
    const bad = { ...registered, user_id: 'not-a-uuid' };
    assert.throws(() => createEnvelope(UserRegistered, bad, { source: '/emporium/users' }), /user_id/);
    const extra = { ...registered, password: 'x' } as typeof registered;
    assert.throws(() => createEnvelope(UserRegistered, extra, { source: '/emporium/users' }), /invalid/);
  });

  it('says why a refund was skipped, with no payment or refunded amount when there was no payment', () => {
    const orderId = '0190a3c4-1234-7abc-8def-0123456789ab';
    const wrap = (data: unknown) =>
      createEnvelope(PaymentRefundSkipped, data as never, { source: '/emporium/payments', subject: orderId });
    assert.ok(wrap({ order_id: orderId, payment_id: null, reason: 'no_payment', refunded: null }));
    const refunded = { amount: 3000, currency: 'USD' };
    assert.ok(wrap({ order_id: orderId, payment_id: orderId, reason: 'already_refunded', refunded }));
    assert.throws(
      () => wrap({ order_id: orderId, payment_id: orderId, reason: 'changed_my_mind', refunded }),
      /reason/,
    );
    assert.throws(() => wrap({ order_id: orderId, payment_id: null, reason: 'no_payment' }), /refunded/);
  });

  it('names one stream per service', () => {
    assert.deepEqual(streamOf('orders'), { name: 'EMPORIUM_ORDERS', subjects: ['emporium.orders.>'] });
  });
});
