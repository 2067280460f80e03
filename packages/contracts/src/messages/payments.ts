// Messages of the payments service: its events, and the commands the order saga sends it.
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Id, Money } from './common.js';

export const ProcessPayment = defineMessage({
  service: 'payments',
  name: 'ProcessPayment',
  version: 1,
  kind: 'command',
  description: "Charge an order's total; the order id is the idempotency key.",
  data: Closed({ order_id: Id, customer_id: Id, amount: Money, payment_method: Type.String({ maxLength: 100 }) }),
});

export const RefundPayment = defineMessage({
  service: 'payments',
  name: 'RefundPayment',
  version: 1,
  kind: 'command',
  description: "Refund an order's captured payment, in full unless an amount is given.",
  data: Closed({ order_id: Id, amount: Type.Optional(Money), reason: Type.String() }),
});

export const PaymentCompleted = defineMessage({
  service: 'payments',
  name: 'PaymentCompleted',
  version: 1,
  kind: 'event',
  description: 'The charge was captured.',
  data: Closed({ payment_id: Id, order_id: Id, amount: Money }),
});

export const PaymentFailed = defineMessage({
  service: 'payments',
  name: 'PaymentFailed',
  version: 1,
  kind: 'event',
  description: 'The charge was declined or could not be made.',
  data: Closed({ order_id: Id, reason: Type.String() }),
});

export const PaymentRefunded = defineMessage({
  service: 'payments',
  name: 'PaymentRefunded',
  version: 1,
  kind: 'event',
  description: 'Money went back to the customer.',
  data: Closed({ payment_id: Id, refund_id: Id, order_id: Id, amount: Money }),
});

export const PaymentRefundSkipped = defineMessage({
  service: 'payments',
  name: 'PaymentRefundSkipped',
  version: 1,
  kind: 'event',
  description:
    'A RefundPayment gave nothing back, and never will: the whole payment was already refunded ' +
    '(already_refunded), nothing was captured (nothing_captured), the order has no payment (no_payment), ' +
    "or the amount asked is not in the payment's currency (currency_mismatch). It ends the compensation; " +
    '`refunded` is what earlier refunds gave back (null without a payment).',
  data: Closed({
    order_id: Id,
    payment_id: Type.Union([Id, Type.Null()]),
    reason: Type.Union([
      Type.Literal('already_refunded'),
      Type.Literal('nothing_captured'),
      Type.Literal('no_payment'),
      Type.Literal('currency_mismatch'),
    ]),
    refunded: Type.Union([Money, Type.Null()]),
  }),
});
