// The production MessageBus: NATS JetStream through the maintained @nats-io clients. Streams are
// file-backed with broker-side dedup on the message id; consumers are durable pull consumers whose
// instances compete (nats-subscription.ts).
import {
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { BusMessage, ConsumerOptions, Delivery, MessageBus, StreamOptions, Subscription } from '../bus.js';
import { fromNatsHeaders, messageIdOf, toNatsHeaders } from './nats-headers.js';
import { subscribe } from './nats-subscription.js';

/** JetStream's "stream name already in use with a different configuration". */
const STREAM_NAME_IN_USE = 10058;
/** Between reconnect attempts; the client keeps trying forever, a service outlives broker restarts. */
const RECONNECT_WAIT_MS = 500;

export interface NatsBusOptions {
  servers: string | string[];
  /** The connection name the server shows, e.g. the service name. */
  name: string;
  /** Errors the bus cannot hand to a caller (a handler that threw, a pull that failed). */
  onError?: (error: unknown) => void;
}

export async function connectNatsBus(options: NatsBusOptions): Promise<MessageBus> {
  const nc = await connect({
    servers: options.servers,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    // The client otherwise captures two stack traces per request (every JetStream publish is one),
    // only to decorate a timeout error: a large share of the relay's CPU per message. A timeout
    // still fails the publish with a TimeoutError, which the relay logs and retries.
    noAsyncTraces: true,
  });
  const jsm = await jetstreamManager(nc);
  return new NatsBus(nc, jsm, options.onError ?? ((error) => console.error('[nats-bus]', error)));
}

class NatsBus implements MessageBus {
  readonly #js: JetStreamClient;
  readonly #subscriptions = new Set<Subscription>();
  #connected = true;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#js = jetstream(nc);
    void this.#watchConnection();
  }

  async #watchConnection() {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.#connected = false;
      else if (status.type === 'reconnect') this.#connected = true;
    }
  }

  async ensureStream(options: StreamOptions): Promise<void> {
    this.#assertConnected();
    const config = {
      subjects: options.subjects,
      max_age: nanos(options.maxAgeMs),
      duplicate_window: nanos(options.duplicateWindowMs),
      discard: DiscardPolicy.Old,
      // read() uses direct gets: no consumer state for a listing.
      allow_direct: true,
    } satisfies Partial<StreamConfig>;
    try {
      // Adding a stream that exists with the same config succeeds, so racing processes both pass.
      await this.jsm.streams.add({
        ...config,
        name: options.name,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
      });
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NAME_IN_USE) throw error;
      await this.jsm.streams.update(options.name, config);
    }
  }

  async publish(message: BusMessage): Promise<{ duplicate: boolean }> {
    this.#assertConnected();
    const ack = await this.#js.publish(message.subject, message.data, {
      msgID: message.id,
      headers: toNatsHeaders(message.headers),
    });
    return { duplicate: ack.duplicate };
  }

  async consume(options: ConsumerOptions, handle: (delivery: Delivery) => Promise<void>): Promise<Subscription> {
    this.#assertConnected();
    const context = { nc: this.nc, js: this.#js, jsm: this.jsm, onError: this.onError };
    const subscription = await subscribe(context, options, handle);
    const tracked: Subscription = {
      stop: async () => {
        this.#subscriptions.delete(tracked);
        await subscription.stop();
      },
    };
    this.#subscriptions.add(tracked);
    return tracked;
  }

  async read(stream: string, fromSequence: number, limit: number): Promise<Array<BusMessage & { sequence: number }>> {
    this.#assertConnected();
    const found: Array<BusMessage & { sequence: number }> = [];
    let sequence = Math.max(1, fromSequence);
    while (found.length < limit) {
      // "next by subject >" skips the gaps that retention and deletes leave in the sequence.
      const stored = await this.jsm.direct.getMessage(stream, { seq: sequence, next_by_subj: '>' });
      if (!stored) break;
      found.push({
        sequence: stored.seq,
        subject: stored.subject,
        id: messageIdOf(stored.header),
        data: stored.data,
        headers: fromNatsHeaders(stored.header),
      });
      sequence = stored.seq + 1;
    }
    return found;
  }

  /**
   * The client would buffer a request made while reconnecting, and its reply can be lost on the way,
   * leaving the caller waiting out the whole timeout; failing now lets the caller retry sooner.
   */
  #assertConnected(): void {
    if (!this.isConnected()) throw new Error('not connected to NATS');
  }

  isConnected(): boolean {
    return this.#connected && !this.nc.isClosed();
  }

  async close(): Promise<void> {
    // Let handlers finish and ack before the connection goes away under them.
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}
