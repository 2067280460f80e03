// The durable consumers of every stream: created or updated on request, restored at start, and
// woken when their stream receives a message.
import { invalid, notFound } from '@emporium/service-kit';
import { isValidPattern } from '../domain/subjects.js';
import { type BrokerStore, MAX_SEQ } from '../store/broker-store.js';
import type { Streams } from '../streams/streams.js';
import { Consumer } from './consumer.js';

export interface ConsumerConfig {
  filterSubjects: string[];
  ackWaitMs: number;
  /** Deliveries after which the broker stops delivering a message. */
  maxDeliver: number;
}

export class Consumers {
  private readonly byStream = new Map<string, Map<string, Consumer>>();

  constructor(
    private readonly store: BrokerStore,
    private readonly streams: Streams,
    private readonly onError: (error: unknown) => void,
  ) {
    streams.onPublished((stream) => {
      for (const consumer of this.byStream.get(stream)?.values() ?? []) consumer.wake();
    });
  }

  /** Restores every consumer and its pending deliveries, at start. */
  load(): void {
    for (const { value } of this.store.consumers.getRange()) {
      const consumer = this.add(new Consumer(this.store, value, this.onError));
      const { stream, durable } = value;
      for (const { key, value: entry } of this.store.pending.getRange({
        start: [stream, durable, 0],
        end: [stream, durable, MAX_SEQ],
      })) {
        consumer.restore(key[2], entry);
      }
    }
  }

  /** Creates the durable consumer (starting at the stream's first message) or updates its settings. */
  async ensure(stream: string, durable: string, config: ConsumerConfig): Promise<Consumer> {
    this.streams.get(stream);
    const bad = config.filterSubjects.filter((s) => !isValidPattern(s));
    if (bad.length > 0) {
      throw invalid(
        'A filter subject is not a valid pattern',
        bad.map((s) => ({ path: 'body/filter_subjects', message: `"${s}" is not a subject pattern` })),
      );
    }
    const existing = this.byStream.get(stream)?.get(durable);
    const record = { stream, durable, ...config, cursor: existing?.record.cursor ?? 1 };
    const consumer = existing ?? this.add(new Consumer(this.store, record, this.onError));
    consumer.record = record;
    await this.store.consumers.put([stream, durable], record);
    consumer.wake();
    return consumer;
  }

  get(stream: string, durable: string): Consumer {
    const consumer = this.byStream.get(stream)?.get(durable);
    if (!consumer) throw notFound(`No consumer ${durable} on stream ${stream}`);
    return consumer;
  }

  /** Answers every waiting fetch and stops every timer (shutdown). */
  close(): void {
    for (const consumers of this.byStream.values()) for (const consumer of consumers.values()) consumer.close();
  }

  private add(consumer: Consumer): Consumer {
    const { stream, durable } = consumer.record;
    const consumers = this.byStream.get(stream) ?? new Map<string, Consumer>();
    consumers.set(durable, consumer);
    this.byStream.set(stream, consumers);
    return consumer;
  }
}
