// The message ids a stream has stored within its duplicate window. Kept in memory because the check
// must be synchronous: two publishes of one id in the same instant must not both pass before either
// write commits. The store holds the same ids so the window survives a restart.

export interface SeenId {
  seq: number;
  time: number;
  /** Resolves when the first publish of the id has committed: a duplicate is answered only after. */
  stored: Promise<unknown>;
}

export class DedupWindow {
  // Insertion order is publish order, so the oldest ids are always at the front.
  private readonly seen = new Map<string, SeenId>();

  constructor(private windowMs: number) {}

  setWindow(windowMs: number): void {
    this.windowMs = windowMs;
  }

  lookup(id: string, now: number): SeenId | undefined {
    const entry = this.seen.get(id);
    return entry && entry.time + this.windowMs > now ? entry : undefined;
  }

  remember(id: string, entry: SeenId): void {
    this.seen.delete(id);
    this.seen.set(id, entry);
  }

  /** Forgets the ids that have left the window and returns them, for the store to forget too. */
  expire(now: number): string[] {
    const gone: string[] = [];
    for (const [id, entry] of this.seen) {
      if (entry.time + this.windowMs > now) break;
      this.seen.delete(id);
      gone.push(id);
    }
    return gone;
  }
}
