// A message broker running as a real process for a test or a benchmark: NATS or the embedded broker.
export interface BrokerProcess {
  url: string;
  restart(): Promise<void>;
  /** SIGKILL, then start again: nothing acknowledged may be lost. */
  crash(): Promise<void>;
  /** Stops it (keeping its data) until `up()`, for tests of what happens while the broker is away. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}
