// The local mode's MessageBus: the embedded broker (infra/broker) over its small JSON-over-HTTP API.
// Same semantics as the NATS adapter; dev-grade, like the broker behind it.
import type { BusMessage, ConsumerOptions, Delivery, MessageBus, StreamOptions, Subscription } from '../bus.js';
import { BrokerClient } from './broker-client.js';
import { startConsumerLoop } from './consumer-loop.js';
import { Answered, base64, fromBase64, LIMITS, MessageList, PublishAck } from './wire.js';

export interface EmbeddedBusOptions {
  /** The broker's base URL, e.g. http://127.0.0.1:4223. */
  url: string;
  /** Who is connecting (e.g. the service name), sent as the user-agent of each request. */
  name?: string;
  /** Errors the bus cannot hand to a caller (a handler that threw, a refused fetch). */
  onError?: (error: unknown) => void;
  /** How long connecting keeps trying an unreachable broker before it gives up. */
  connectTimeoutMs?: number;
  /** How long a call (publish, ack, ...) keeps retrying an unreachable broker before it fails. */
  retryForMs?: number;
  /** How long one long-poll waits for deliveries. */
  fetchExpiresMs?: number;
}

/** How often an idle bus checks the broker, so isConnected() stays true to fact. */
const HEARTBEAT_MS = 2_000;

export async function connectEmbeddedBus(options: EmbeddedBusOptions): Promise<MessageBus> {
  const client = new BrokerClient(options.url, options.retryForMs ?? 5_000, options.name);
  try {
    await client.call('GET', '/healthz', undefined, Answered, { retryForMs: options.connectTimeoutMs ?? 10_000 });
  } catch (error) {
    await client.close();
    throw error;
  }
  return new EmbeddedBus(client, options);
}

class EmbeddedBus implements MessageBus {
  readonly #subscriptions = new Set<Subscription>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #onError: (error: unknown) => void;

  constructor(
    private readonly client: BrokerClient,
    private readonly options: EmbeddedBusOptions,
  ) {
    this.#onError = options.onError ?? ((error) => console.error('[embedded-bus]', error));
    this.#heartbeat = setInterval(() => {
      if (Date.now() - client.lastCallAt < HEARTBEAT_MS) return;
      client.call('GET', '/healthz', undefined, Answered, { retryForMs: 0 }).catch(() => {
        // Recorded by the client: isConnected() now answers false.
      });
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  async ensureStream(options: StreamOptions): Promise<void> {
    await this.client.call(
      'PUT',
      `/v1/streams/${encodeURIComponent(options.name)}`,
      {
        subjects: options.subjects,
        max_age_ms: Math.max(0, Math.round(options.maxAgeMs)),
        duplicate_window_ms: Math.min(LIMITS.maxDelayMs, Math.max(0, Math.round(options.duplicateWindowMs))),
      },
      Answered,
    );
  }

  async publish(message: BusMessage): Promise<{ duplicate: boolean }> {
    const body = {
      subject: message.subject,
      id: message.id,
      data: base64(message.data),
      headers: message.headers ?? {},
    };
    const { duplicate } = await this.client.call('POST', '/v1/publish', body, PublishAck);
    return { duplicate };
  }

  async consume(options: ConsumerOptions, handle: (delivery: Delivery) => Promise<void>): Promise<Subscription> {
    const ensureConsumer = async () => {
      const path = `/v1/consumers/${encodeURIComponent(options.stream)}/${encodeURIComponent(options.durable)}`;
      await this.client.call('PUT', path, consumerSettings(options), Answered);
    };
    await ensureConsumer();
    const context = {
      client: this.client,
      ensureConsumer,
      onError: this.#onError,
      fetchExpiresMs: this.options.fetchExpiresMs ?? 5_000,
    };
    const loop = startConsumerLoop(context, options, handle);
    const tracked: Subscription = {
      stop: async () => {
        this.#subscriptions.delete(tracked);
        await loop.stop();
      },
    };
    this.#subscriptions.add(tracked);
    return tracked;
  }

  async read(stream: string, fromSequence: number, limit: number): Promise<Array<BusMessage & { sequence: number }>> {
    const found: Array<BusMessage & { sequence: number }> = [];
    let from = Math.max(1, Math.floor(fromSequence));
    while (found.length < limit) {
      const page = Math.min(LIMITS.maxReadLimit, limit - found.length);
      const path = `/v1/streams/${encodeURIComponent(stream)}/messages?from=${from}&limit=${page}`;
      const { messages } = await this.client.call('GET', path, undefined, MessageList);
      for (const m of messages) {
        found.push({
          sequence: m.sequence,
          subject: m.subject,
          id: m.id,
          data: fromBase64(m.data),
          headers: m.headers,
        });
      }
      const last = messages.at(-1);
      if (!last || messages.length < page) break;
      from = last.sequence + 1;
    }
    return found;
  }

  isConnected(): boolean {
    return this.client.isConnected();
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    // Let handlers finish and ack before the connections go away under them.
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    await this.client.close();
  }
}

function consumerSettings(options: ConsumerOptions) {
  return {
    filter_subjects: options.filterSubjects,
    ack_wait_ms: Math.min(LIMITS.maxAckWaitMs, Math.max(1, Math.round(options.ackWaitMs))),
    // 0 or less reads as JetStream's -1: no limit.
    ...(options.maxDeliveries > 0 ? { max_deliver: Math.min(LIMITS.maxDeliver, options.maxDeliveries) } : {}),
  };
}
