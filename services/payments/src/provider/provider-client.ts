// The payment provider, over HTTP: a charge or a refund under an idempotency key, its answer
// translated into what payments understands. Only an answer that is final becomes an outcome; a
// timeout, a network error, a 5xx or a 429 is "unavailable", and the caller retries with the same key.
import { tracedFetch } from '@emporium/service-kit';
import type { ChargeResult, FailureReason } from '../domain/payment.js';

export interface ChargeRequest {
  amount: number;
  currency: string;
  payment_method: string;
  /** Ours: the order id, so the provider's records can be matched to orders. */
  reference: string;
}

export type ChargeAnswer = ChargeResult | { kind: 'unavailable'; detail: string };

/** A charge as the provider lists it for a reference. */
export interface ProviderChargeSummary {
  id: string;
  amount: number;
  amount_refunded: number;
  currency: string;
}

export type ChargeListAnswer =
  | { kind: 'listed'; charges: ProviderChargeSummary[] }
  | { kind: 'unavailable'; detail: string };

export type RefundAnswer =
  | { kind: 'refunded'; refundId: string }
  | { kind: 'refused'; detail: string }
  | { kind: 'unavailable'; detail: string };

export interface PaymentProvider {
  charge(request: ChargeRequest, idempotencyKey: string): Promise<ChargeAnswer>;
  refund(request: { charge: string; amount: number }, idempotencyKey: string): Promise<RefundAnswer>;
  /** Every charge the provider holds for a reference (ours: the order id). */
  chargesFor(reference: string): Promise<ChargeListAnswer>;
}

interface ProviderBody {
  id?: unknown;
  data?: unknown;
  error?: { code?: unknown; decline_code?: unknown };
}

type Answered = { kind: 'answered'; status: number; body: ProviderBody };
type Reply = Answered | { kind: 'unreachable'; detail: string };

export function createProviderClient(options: { baseUrl: string; timeoutMs: number }): PaymentProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const call = async (path: string, init: RequestInit = {}): Promise<Reply> => {
    try {
      const res = await tracedFetch(
        `${base}${path}`,
        { ...init, signal: AbortSignal.timeout(options.timeoutMs) },
        'payment-provider',
      );
      const parsed: unknown = await res.json().catch(() => ({}));
      return {
        kind: 'answered',
        status: res.status,
        body: typeof parsed === 'object' && parsed !== null ? parsed : {},
      };
    } catch (error) {
      return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
    }
  };
  const post = (path: string, body: object, idempotencyKey: string) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
  return {
    async charge(request, idempotencyKey) {
      return chargeAnswerOf(await post('/v1/charges', request, idempotencyKey));
    },
    async refund(request, idempotencyKey) {
      return refundAnswerOf(await post('/v1/refunds', request, idempotencyKey));
    },
    async chargesFor(reference) {
      return chargeListOf(await call(`/v1/charges?${new URLSearchParams({ reference })}`));
    },
  };
}

/** An answer that says to try again later. */
const isTransient = ({ status, body }: Answered) =>
  status >= 500 || status === 429 || status === 408 || codeOf(body) === 'idempotency_key_in_use';

const codeOf = (body: ProviderBody) => (typeof body.error?.code === 'string' ? body.error.code : undefined);
const describe = ({ status, body }: Answered) => `HTTP ${status} ${codeOf(body) ?? ''}`.trim();

function chargeAnswerOf(reply: Reply): ChargeAnswer {
  if (reply.kind === 'unreachable') return { kind: 'unavailable', detail: reply.detail };
  if (isTransient(reply)) return { kind: 'unavailable', detail: describe(reply) };
  if (reply.status === 201 && typeof reply.body.id === 'string') return { kind: 'captured', chargeId: reply.body.id };
  return { kind: 'declined', reason: failureReasonOf(reply) };
}

function failureReasonOf({ status, body }: Answered): FailureReason {
  if (status === 402)
    return body.error?.decline_code === 'insufficient_funds' ? 'insufficient_funds' : 'payment_declined';
  if (codeOf(body) === 'invalid_payment_method') return 'invalid_payment_method';
  // Any other refusal (a malformed request, a reused key) will not change on retry.
  return 'provider_rejected';
}

function refundAnswerOf(reply: Reply): RefundAnswer {
  if (reply.kind === 'unreachable') return { kind: 'unavailable', detail: reply.detail };
  if (isTransient(reply)) return { kind: 'unavailable', detail: describe(reply) };
  if (reply.status === 201 && typeof reply.body.id === 'string') return { kind: 'refunded', refundId: reply.body.id };
  return { kind: 'refused', detail: describe(reply) };
}

function chargeListOf(reply: Reply): ChargeListAnswer {
  if (reply.kind === 'unreachable') return { kind: 'unavailable', detail: reply.detail };
  if (reply.status !== 200 || !Array.isArray(reply.body.data)) return { kind: 'unavailable', detail: describe(reply) };
  return { kind: 'listed', charges: reply.body.data.filter(isChargeSummary) };
}

function isChargeSummary(value: unknown): value is ProviderChargeSummary {
  if (typeof value !== 'object' || value === null) return false;
  const charge = value as Record<string, unknown>;
  return (
    typeof charge.id === 'string' &&
    typeof charge.amount === 'number' &&
    typeof charge.amount_refunded === 'number' &&
    typeof charge.currency === 'string'
  );
}
