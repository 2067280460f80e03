// The payments API's schemas (the runtime checks, the static types and the OpenAPI document) and the
// mapping from domain payments and refunds to their JSON form.
import {
  IdempotencyHeaders,
  IdParams,
  Money,
  Page,
  PageQuery,
  problemResponses,
  type Static,
  Type,
  Uuid,
} from '@emporium/service-kit';
import type { Payment } from '../domain/payment.js';
import type { Refund } from '../domain/refund.js';

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

export const RefundJson = Type.Object({
  id: Uuid,
  amount: Money,
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  created_at: Timestamp,
});

export const PaymentJson = Type.Object({
  id: Uuid,
  order_id: Uuid,
  customer_id: Uuid,
  amount: Money,
  status: Type.Union(
    [Type.Literal('processing'), Type.Literal('captured'), Type.Literal('declined'), Type.Literal('refunded')],
    { description: 'refunded: in full; a partly refunded payment stays captured, with refunded_amount' },
  ),
  failure_reason: Type.Union([Type.String(), Type.Null()], { description: 'why a declined payment failed' }),
  refunded_amount: Money,
  refunds: Type.Array(RefundJson),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type PaymentJson = Static<typeof PaymentJson>;

export const PaymentPage = Page(PaymentJson);
export type PaymentPage = Static<typeof PaymentPage>;

export const ListPaymentsQuery = Type.Object({
  order_id: Type.Optional(Uuid),
  ...PageQuery.properties,
});
export type ListPaymentsQuery = Static<typeof ListPaymentsQuery>;

export const RefundBody = Type.Object(
  { amount: Type.Optional(Money) },
  { additionalProperties: false, description: 'Without an amount, refunds what is left to refund.' },
);
export type RefundBody = Static<typeof RefundBody>;

export const RefundAccepted = Type.Object({
  id: Uuid,
  payment_id: Uuid,
  amount: Money,
  status: Type.Literal('pending', { description: 'PaymentRefunded is published once the provider has refunded' }),
});
export type RefundAccepted = Static<typeof RefundAccepted>;

const TAGS = ['payments'];

export const listPaymentsRoute = {
  schema: {
    tags: TAGS,
    operationId: 'listPayments',
    summary: "Payments, newest first: a customer's own, or every one for an admin",
    querystring: ListPaymentsQuery,
    response: { 200: PaymentPage, ...problemResponses(400, 401) },
  },
};

export const getPaymentRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getPayment',
    summary: 'A payment and its refunds (404 for another customer’s)',
    params: IdParams,
    response: { 200: PaymentJson, ...problemResponses(400, 401, 404) },
  },
};

export const refundPaymentRoute = {
  schema: {
    tags: TAGS,
    operationId: 'refundPayment',
    summary: 'Refund a captured payment, in full unless an amount is given',
    description: 'Accepted at once; the refund runs in the background and ends with PaymentRefunded.',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: RefundBody,
    response: { 202: RefundAccepted, ...problemResponses(400, 401, 403, 404, 409) },
  },
  config: { auth: 'admin' as const },
};

export function toRefundJson(refund: Refund, currency: string): Static<typeof RefundJson> {
  return {
    id: refund.id,
    amount: { amount: refund.amount, currency },
    status: refund.status,
    created_at: refund.createdAt.toISOString(),
  };
}

export function toPaymentJson(payment: Payment, refunds: Refund[]): PaymentJson {
  const currency = payment.amount.currency;
  return {
    id: payment.id,
    order_id: payment.orderId,
    customer_id: payment.customerId,
    amount: payment.amount,
    status: payment.status,
    failure_reason: payment.failureReason,
    refunded_amount: { amount: payment.refundedAmount, currency },
    refunds: refunds.map((r) => toRefundJson(r, currency)),
    created_at: payment.createdAt.toISOString(),
    updated_at: payment.updatedAt.toISOString(),
  };
}
