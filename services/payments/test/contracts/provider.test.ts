// Payments honours every pact that names it: the admin app's payment lookup and refund (HTTP, through
// the real gateway, against the real app on its own database), and the outcomes orders, notifications
// and analytics consume, produced by payments' own command handlers and jobs charging and refunding
// through the payment provider simulator, read from the outbox.
import { after, before, describe } from 'node:test';
import {
  itHonoursEveryPact,
  outboxEventually,
  type ServedProvider,
  serveWithGateway,
} from '@emporium/contract-testing';
import {
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
  ProcessPayment,
  RefundPayment,
} from '@emporium/contracts';
import { paymentOf } from '../support/outcomes.js';
import { processCommand, refundCommand, startTestPayments, type TestPayments } from '../support/payments.js';

describe('payments: provider verification', () => {
  let payments: TestPayments;
  let served: ServedProvider;
  before(async () => {
    payments = await startTestPayments('payments_pacts_provider');
    served = await serveWithGateway(payments.app, 'payments', payments.tokens.verifier);
  });
  after(async () => {
    await served.close();
    await payments.close();
  });

  /** Charges a new order with `paymentMethod`; returns the order id once the outcome is in the outbox. */
  const charge = async (paymentMethod: string, outcome: string) => {
    const command = processCommand({ payment_method: paymentMethod });
    await payments.deliver(ProcessPayment, command);
    await outboxEventually(payments.pool, command.order_id, outcome);
    return command.order_id;
  };

  itHonoursEveryPact({
    provider: 'payments',
    baseUrlFor: () => served.gatewayUrl,
    states: {
      'an admin is signed in': async () => ({ adminToken: payments.admin.authorization.replace(/^Bearer /, '') }),
      'a payment is captured': async () => {
        const orderId = await charge('pm_card_visa', PaymentCompleted.type);
        return { orderId, paymentId: (await paymentOf(payments.pool, orderId))?.id };
      },
    },
    publishes: {
      'a charge succeeds': async () => {
        const orderId = await charge('pm_card_visa', PaymentCompleted.type);
        return outboxEventually(payments.pool, orderId, PaymentCompleted.type);
      },
      'a charge is declined': async () => {
        const orderId = await charge('pm_card_chargeDeclined', PaymentFailed.type);
        return outboxEventually(payments.pool, orderId, PaymentFailed.type);
      },
      'a captured payment is refunded': async () => {
        const orderId = await charge('pm_card_visa', PaymentCompleted.type);
        await payments.deliver(RefundPayment, refundCommand(orderId));
        return outboxEventually(payments.pool, orderId, PaymentRefunded.type);
      },
      'a payment already refunded in full is asked for a refund': async () => {
        const orderId = await charge('pm_card_visa', PaymentCompleted.type);
        await payments.deliver(RefundPayment, refundCommand(orderId));
        await outboxEventually(payments.pool, orderId, PaymentRefunded.type);
        await payments.deliver(RefundPayment, refundCommand(orderId));
        return outboxEventually(payments.pool, orderId, PaymentRefundSkipped.type);
      },
    },
  });
});
