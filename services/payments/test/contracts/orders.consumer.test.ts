// Payments' pact with orders: the saga's payment commands as payments receives them, run through its
// own handlers on its own database, with the job runner and the payment-provider simulator behind them:
// a ProcessPayment ends captured, a RefundPayment gives the capture back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  consumerPact,
  EXAMPLE,
  exampleOf,
  expectMessage,
  outboxEventually,
  runHandler,
} from '@emporium/contract-testing';
import { PaymentCompleted, PaymentRefunded, ProcessPayment, RefundPayment } from '@emporium/contracts';
import { HANDLERS } from '../../src/messages/subscriptions.js';
import { paymentOf } from '../support/outcomes.js';
import { startTestPayments, type TestPayments } from '../support/payments.js';

describe('payments ← orders: the saga’s payment commands', () => {
  const { pact, settle } = consumerPact('payments', 'orders');
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_pacts');
  });
  after(() => payments.close());

  it('charges the order’s total on ProcessPayment', async () => {
    await expectMessage(pact, exampleOf(ProcessPayment), async (command) => {
      assert.deepEqual(await runHandler(payments.pool, HANDLERS, command), []);
      await outboxEventually(payments.pool, EXAMPLE.order, PaymentCompleted.type);
      assert.equal((await paymentOf(payments.pool, EXAMPLE.order))?.status, 'captured');
    });
  });

  it('refunds the capture on RefundPayment', async () => {
    await expectMessage(pact, exampleOf(RefundPayment), async (command) => {
      assert.deepEqual(await runHandler(payments.pool, HANDLERS, command), []);
      await outboxEventually(payments.pool, EXAMPLE.order, PaymentRefunded.type);
      assert.equal(
        (await paymentOf(payments.pool, EXAMPLE.order))?.refunded_amount,
        command.data.amount?.amount ?? 2598,
      );
    });
  });

  it('matches the committed pact', () => settle());
});
