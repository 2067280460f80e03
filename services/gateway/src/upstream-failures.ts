// What the client is told when the call to an upstream fails before it answered.
import { type Problem, problemFor } from '@emporium/service-kit';
import { BodyLimitExceeded } from './body-limit.js';

// Nothing reached the service: it is down, unknown to DNS, or not accepting connections.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// The service took the request but did not answer in time.
const TIMED_OUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'FST_REPLY_FROM_GATEWAY_TIMEOUT']);

/** The error and everything it was caused by (reply-from and undici wrap the socket's error). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const pending = [error];
  while (pending.length > 0 && chain.length < 16) {
    const next = pending.shift();
    if (next === undefined || next === null || chain.includes(next)) continue;
    chain.push(next);
    if (next instanceof Error) {
      pending.push(next.cause);
      if (next instanceof AggregateError) pending.push(...next.errors);
    }
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function problemForUpstreamFailure(error: unknown, service: string): Problem {
  const chain = causes(error);
  const limit = chain.find((e): e is BodyLimitExceeded => e instanceof BodyLimitExceeded);
  if (limit) return problemFor('payload_too_large', limit.message);
  const codes = new Set(chain.map(codeOf));
  if ([...UNREACHABLE].some((code) => codes.has(code))) {
    return problemFor('unavailable', `The ${service} service cannot be reached`);
  }
  if ([...TIMED_OUT].some((code) => codes.has(code))) {
    return problemFor('gateway_timeout', `The ${service} service did not answer in time`);
  }
  return problemFor('bad_gateway', `The ${service} service failed to answer`);
}

/** The most specific code in the chain, for the log line. */
export function failureCode(error: unknown): string | undefined {
  return causes(error).map(codeOf).filter(Boolean).pop();
}
