// The long-polling fetches of one consumer, oldest first. Each waits until messages are handed to
// it, its time runs out, or its client goes away.

export interface Waiter<T> {
  batch: number;
  /** Hands the waiter its result (a promise, so the caller can commit before the client sees it). */
  fulfil(result: Promise<T[]>): void;
}

export class FetchWaiters<T> {
  private readonly queue: Array<Waiter<T>> = [];

  first(): Waiter<T> | undefined {
    return this.queue[0];
  }

  get size(): number {
    return this.queue.length;
  }

  wait(batch: number, expiresMs: number, signal?: AbortSignal): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
      };
      const giveUp = () => {
        leave();
        resolve([]);
      };
      const waiter: Waiter<T> = {
        batch,
        fulfil: (result) => {
          leave();
          result.then(resolve, reject);
        },
      };
      const timer = setTimeout(giveUp, expiresMs);
      signal?.addEventListener('abort', giveUp, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Answers every waiter with nothing (the broker is shutting down). */
  releaseAll(): void {
    for (const waiter of [...this.queue]) waiter.fulfil(Promise.resolve([]));
  }
}
