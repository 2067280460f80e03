// One timer per consumer, armed for the earliest moment something falls due (an ack wait running
// out, a nak delay ending), instead of one timer per delivery.

export class DueTimer {
  private timer: NodeJS.Timeout | undefined;
  private at = Number.POSITIVE_INFINITY;

  constructor(private readonly onDue: (now: number) => void) {}

  /** Makes sure onDue runs no later than `at` (ms since the epoch). */
  arm(at: number): void {
    if (at >= this.at) return;
    clearTimeout(this.timer);
    this.at = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.at = Number.POSITIVE_INFINITY;
        this.onDue(Date.now());
      },
      Math.max(0, at - Date.now()),
    );
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Number.POSITIVE_INFINITY;
  }
}
