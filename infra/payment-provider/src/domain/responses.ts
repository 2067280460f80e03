// What the simulator answers, in its provider's own shape (Stripe-like `{error: {...}}` bodies rather
// than the shop's problem+json): a client of it must translate, as it would for a real provider.

/** A status and a body: what an idempotency key stores and replays. */
export interface ProviderResponse {
  status: number;
  body: object;
}

export type DeclineCode = 'generic_decline' | 'insufficient_funds';

export interface ProviderErrorBody {
  error: { type: string; code: string; message: string; decline_code?: DeclineCode };
}

function failure(status: number, error: ProviderErrorBody['error']): ProviderResponse {
  return { status, body: { error } satisfies ProviderErrorBody };
}

export const cardDeclined = (declineCode: DeclineCode) =>
  failure(402, {
    type: 'card_error',
    code: 'card_declined',
    decline_code: declineCode,
    message: 'The card was declined',
  });

export const invalidPaymentMethod = (paymentMethod: string) =>
  failure(400, {
    type: 'invalid_request_error',
    code: 'invalid_payment_method',
    message: `No such payment method: ${paymentMethod}`,
  });

export const noSuchCharge = (id: string) =>
  failure(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such charge: ${id}` });

export const alreadyRefunded = (id: string) =>
  failure(400, {
    type: 'invalid_request_error',
    code: 'charge_already_refunded',
    message: `Charge ${id} has already been refunded in full`,
  });

export const amountTooLarge = (remainder: number) =>
  failure(400, {
    type: 'invalid_request_error',
    code: 'amount_too_large',
    message: `The refund is larger than what is left to refund on the charge (${remainder})`,
  });

export const keyReused = () =>
  failure(409, {
    type: 'idempotency_error',
    code: 'idempotency_key_reused',
    message: 'This Idempotency-Key was already used with a different request',
  });

export const simulatedOutage = () =>
  failure(503, { type: 'api_error', code: 'service_unavailable', message: 'Simulated outage: try again later' });
