// HTTP to the embedded broker over kept-alive connections (undici), with JSON in and out, the
// broker's problem+json refusals as BrokerError, and retries with backoff while it is unreachable.
// Every broker route is safe to retry: publish dedups on the message id, settling is idempotent.
import { Pool } from 'undici';
import { Backoff, pause } from './backoff.js';
import type { Reader } from './wire.js';

/** The broker answered, and refused: a retry would be refused again. */
export class BrokerError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`embedded broker answered ${status}: ${detail}`);
    this.name = 'BrokerError';
  }
}

export interface CallOptions {
  /** Keep retrying an unreachable broker for this long (0: one attempt). */
  retryForMs?: number;
  /** How long to wait for the answer (a long-poll waits longer than its expiry). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class BrokerClient {
  private readonly pool: Pool;
  private readonly userAgent: string;
  private connected = false;
  lastCallAt = 0;

  constructor(
    url: string,
    private readonly defaultRetryForMs: number,
    name = 'emporium',
  ) {
    this.userAgent = `emporium-embedded-bus (${name})`;
    this.pool = new Pool(new URL(url).origin, { keepAliveTimeout: 30_000, connect: { timeout: 2000 } });
  }

  /** True when the last call reached the broker (whatever it answered). */
  isConnected(): boolean {
    return this.connected;
  }

  async call<T>(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body: object | undefined,
    reader: Reader<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const deadline = Date.now() + (options.retryForMs ?? this.defaultRetryForMs);
    const backoff = new Backoff();
    for (;;) {
      try {
        return await this.attempt(method, path, body, reader, options);
      } catch (error) {
        if (!isRetryable(error) || options.signal?.aborted || Date.now() >= deadline) throw error;
      }
      await pause(Math.min(backoff.next(), Math.max(0, deadline - Date.now())), options.signal);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async attempt<T>(
    method: string,
    path: string,
    body: object | undefined,
    reader: Reader<T>,
    options: CallOptions,
  ): Promise<T> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      response = await this.pool.request({
        method,
        path,
        headers: body
          ? { 'content-type': 'application/json', 'user-agent': this.userAgent }
          : { 'user-agent': this.userAgent },
        body: body ? JSON.stringify(body) : null,
        signal: options.signal ?? null,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      if (isAbort(error)) throw error; // our own stop(), not the broker's absence
      this.settleConnected(false);
      throw new BrokerUnreachable(error);
    }
    const text = await response.body.text();
    // 503: the broker is shutting down; it will be back, or it will be unreachable.
    this.settleConnected(response.statusCode !== 503);
    if (response.statusCode === 503) throw new BrokerUnreachable(new Error('the broker is shutting down'));
    if (response.statusCode >= 300) throw new BrokerError(response.statusCode, problemDetail(text));
    const value: unknown = text ? JSON.parse(text) : undefined;
    if (!reader.Check(value)) throw new Error(`embedded broker answered ${method} ${path} with an unexpected body`);
    return value;
  }

  private settleConnected(reached: boolean): void {
    this.connected = reached;
    this.lastCallAt = Date.now();
  }
}

/** The broker could not be reached (down, restarting, or closing): worth retrying. */
export class BrokerUnreachable extends Error {
  constructor(cause: unknown) {
    super(`embedded broker unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BrokerUnreachable';
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof BrokerUnreachable;
}

export function isAbort(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED')
  );
}

function problemDetail(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown };
    return typeof problem.detail === 'string' ? problem.detail : text;
  } catch {
    return text;
  }
}
