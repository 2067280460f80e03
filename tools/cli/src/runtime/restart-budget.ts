// How often the supervisor may restart one process: at most `max` times within a sliding window.
export class RestartBudget {
  private readonly restarts = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Takes one restart for `name`; false when it already used up its budget in the window. */
  take(name: string, now = Date.now()): boolean {
    const recent = (this.restarts.get(name) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.restarts.set(name, recent);
      return false;
    }
    this.restarts.set(name, [...recent, now]);
    return true;
  }

  /** Restarts of `name` within the window. */
  used(name: string, now = Date.now()): number {
    return (this.restarts.get(name) ?? []).filter((t) => t > now - this.windowMs).length;
  }
}
