// How the simulator misbehaves, changeable while it runs (PUT /v1/settings) so chaos tests can turn
// latency and failures up and down without a restart.

export interface ProviderSettings {
  latency_ms: number;
  /** 0..1: the share of charge and refund requests answered 503 without doing anything. */
  error_rate: number;
  /** How long pm_card_slow takes. */
  slow_ms: number;
}

export class LiveSettings {
  #current: ProviderSettings;

  constructor(initial: ProviderSettings) {
    this.#current = { ...initial };
  }

  get current(): ProviderSettings {
    return { ...this.#current };
  }

  change(changes: Partial<ProviderSettings>): ProviderSettings {
    const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
    this.#current = { ...this.#current, ...Object.fromEntries(defined) };
    return this.current;
  }

  /** Draws whether this request is one of the simulated outages. */
  failsNow(): boolean {
    return this.#current.error_rate > 0 && Math.random() < this.#current.error_rate;
  }
}
