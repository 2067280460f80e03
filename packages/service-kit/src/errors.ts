// Errors as values: domain code throws these, and the kit maps each kind to one HTTP status,
// once, as RFC 9457 problem+json (see problem.ts).

export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'bad_gateway'
  | 'unavailable'
  | 'gateway_timeout';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  /** Sent as Retry-After (seconds): when the caller may try again, for a refusal that will pass. */
  retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (message: string, fieldErrors: FieldError[] = []) =>
  new AppError('invalid', message, fieldErrors);
export const unauthorized = (message = 'Authentication is required') => new AppError('unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const notFound = (message: string) => new AppError('not_found', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const payloadTooLarge = (message: string) => new AppError('payload_too_large', message);
export const unavailable = (message: string) => new AppError('unavailable', message);
/**
 * 429 with Retry-After: refused for now, to be tried again after `retryAfterSeconds` (load shedding). Not a
 * 5xx, so a mesh's outlier detection does not take a healthy but busy instance out of service for it.
 */
export const tooManyRequests = (message: string, retryAfterSeconds: number) => {
  const error = new AppError('too_many_requests', message);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
};
