// Growing, jittered pauses between retries while the broker is unreachable, and a sleep that
// ends early when the caller stops.

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly firstMs = 50,
    private readonly maxMs = 1000,
  ) {}

  next(): number {
    const ms = Math.min(this.maxMs, this.firstMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 20);
    // Jitter, so the instances of a service do not all knock at the same instant.
    return ms / 2 + Math.random() * (ms / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
