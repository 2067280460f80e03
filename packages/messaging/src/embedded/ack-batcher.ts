// Acks of one consumer, gathered for a moment and sent as one request: handlers finishing together
// cost the broker one commit and the client one round trip instead of one each.
import type { BrokerClient } from './broker-client.js';
import { LIMITS, Settled } from './wire.js';

interface Waiting {
  token: string;
  resolve(): void;
  reject(error: unknown): void;
}

export class AckBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly client: BrokerClient,
    private readonly path: string,
  ) {}

  /** Resolves once the broker has committed the ack. */
  ack(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ token, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, LIMITS.maxBatch);
      this.client.call('POST', this.path, { tokens: batch.map((w) => w.token) }, Settled).then(
        () => {
          for (const w of batch) w.resolve();
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      );
    }
  }
}
