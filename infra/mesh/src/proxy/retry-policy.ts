// Whether a failed try may be tried again under a route's retryOn, as Envoy decides it. A request
// that is not idempotent (POST, PATCH) is retried only when it never reached the service.
import type { RetryPolicy } from '../istio/policy.js';
import type { TryOutcome } from './attempt.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export const isIdempotent = (method: string) => IDEMPOTENT.has(method.toUpperCase());

/** The reason to retry (a metric label), or undefined when the outcome stands. */
export function retryReason(outcome: TryOutcome, policy: RetryPolicy, idempotent: boolean): string | undefined {
  const on = policy.conditions;
  if (outcome.kind === 'connect-failure')
    return on.has('connect-failure') || on.has('5xx') ? 'connect_failure' : undefined;
  if (!idempotent) return undefined;
  if (outcome.kind === 'reset')
    return on.has('reset') || on.has('5xx') || on.has('refused-stream') ? 'reset' : undefined;
  if (outcome.kind === 'timeout')
    return on.has('5xx') || on.has('gateway-error') || on.has('reset') ? 'per_try_timeout' : undefined;
  if (outcome.kind !== 'response') return undefined;
  const { status } = outcome;
  if (policy.statusCodes.has(status)) return `status_${status}`;
  if (status >= 500 && on.has('5xx')) return '5xx';
  if ((status === 502 || status === 503 || status === 504) && on.has('gateway-error')) return 'gateway_error';
  if (status === 409 && on.has('retriable-4xx')) return 'retriable_4xx';
  return undefined;
}

/** Envoy's default back-off: fully jittered, 25 ms base doubling per retry, at most 250 ms. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(25 * 2 ** (retry - 1), 250));
}
