// Errors as values: domain code throws these, and the kit maps each kind to one HTTP status,
// once, as RFC 9457 problem+json (see problem.ts).

export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'bad_gateway'
  | 'unavailable'
  | 'gateway_timeout';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
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
