// BODY_LIMIT_BYTES for proxied requests, whose bodies are streamed rather than parsed (so Fastify's
// own bodyLimit never sees them): a declared length is refused up front, a chunked body is cut off
// as soon as it grows past the limit.
import type { IncomingHttpHeaders } from 'node:http';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { payloadTooLarge } from '@emporium/service-kit';

const overLimit = (limit: number) => `The request body is larger than the ${limit} bytes this gateway accepts`;

/** Raised inside the body stream when a chunked body outgrows the limit. */
export class BodyLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(overLimit(limit));
    this.name = 'BodyLimitExceeded';
  }
}

/** For a body refused by its declared length, before any of it is read. */
export const payloadTooLargeFor = (limit: number) => payloadTooLarge(overLimit(limit));

export function declaresLengthOver(headers: IncomingHttpHeaders, limit: number): boolean {
  const declared = Number(headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

export function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** `source` as a stream that fails with BodyLimitExceeded once more than `limit` bytes have passed. */
export function capBody(source: Readable, limit: number): Readable {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen <= limit) return done(null, chunk);
      // Stop reading rather than destroy the request: destroying it would drop the socket before
      // the 413 can be written. The reply closes the connection instead.
      source.unpipe(capped);
      done(new BodyLimitExceeded(limit));
    },
  });
  // A client that abandons its upload must abort the upstream request too: pipe does not forward
  // errors, and Node fails an abandoned request with an "aborted" error.
  source.once('error', (error) => capped.destroy(error));
  return source.pipe(capped);
}
