// The Idempotency-Key of the requests that must take effect once (placing an order, adjusting stock,
// refunding a payment): one key per thing the user means to do. A retry or a double click with the same
// body keeps its key, so the API applies it once; a changed body is a new request with a new key.

/** A body as sent, and the key it went with. */
export interface Attempt {
  body: string;
  key: string;
}

/** The attempt to send `body` with: `previous` again while the body is unchanged, else a fresh key. */
export function attemptFor(previous: Attempt | undefined, body: unknown): Attempt {
  const json = JSON.stringify(body);
  return previous?.body === json ? previous : { body: json, key: crypto.randomUUID() };
}

/** The request header that carries the attempt's key. */
export function idempotencyHeader(attempt: Attempt): { 'idempotency-key': string } {
  return { 'idempotency-key': attempt.key };
}
