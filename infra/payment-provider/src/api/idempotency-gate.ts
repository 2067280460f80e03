// Idempotency keys, as a payment provider keeps them: the first request with a key runs and its
// response is stored with its effect; the same key and request get that response back (after a
// restart too); the same key with another request is 409. A duplicate that arrives while the first
// is still running waits for it and gets its response (a real provider may answer 409 instead; here
// a client that timed out and retried gets the outcome rather than having to retry again).
import { createHash } from 'node:crypto';
import { keyReused, type ProviderResponse } from '../domain/responses.js';
import type { Effect, ProviderStore } from '../store/provider-store.js';

export interface GatedResponse extends ProviderResponse {
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** A stable hash of what was asked: the route and the body, whatever the order of its fields. */
export function fingerprintOf(route: string, body: Record<string, unknown>): string {
  const fields = Object.keys(body)
    .sort()
    .map((name) => [name, body[name]]);
  return createHash('sha256')
    .update(JSON.stringify([route, fields]))
    .digest('hex');
}

export class IdempotencyGate {
  readonly #inFlight = new Map<string, Promise<ProviderResponse>>();

  constructor(private readonly store: ProviderStore) {}

  /** Resolves once every request running now has finished (committed or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /**
   * Answers a request with key `key`: `prepare` does the slow part (waiting, as a bank would) and
   * returns the effect, which commits together with the response it decides.
   */
  async run(key: string, fingerprint: string, prepare: () => Promise<Effect>): Promise<GatedResponse> {
    for (let first = this.#inFlight.get(key); first; first = this.#inFlight.get(key)) {
      await first.catch(() => undefined);
    }
    // From here to the set below nothing awaits, so no second request can start with this key.
    const stored = this.store.storedResponse(key);
    if (stored) {
      return stored.fingerprint === fingerprint
        ? { ...stored.response, replayed: true }
        : { ...keyReused(), replayed: false };
    }
    const running = prepare().then((effect) => this.store.commit(key, fingerprint, effect));
    this.#inFlight.set(key, running);
    try {
      return { ...(await running), replayed: false };
    } finally {
      this.#inFlight.delete(key);
    }
  }
}
