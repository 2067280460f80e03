// The streams: where a published subject is stored (by pattern), its sequence number, duplicate
// detection within the window, and reading stored messages back in order.
import { invalid, notFound } from '@emporium/service-kit';
import { isValidSubject, matchesAny } from '../domain/subjects.js';
import { type BrokerStore, MAX_SEQ, type MessageRecord, type StreamRecord } from '../store/broker-store.js';
import { DedupWindow } from './dedup-window.js';
import { checkStreamConfig, type StreamConfig } from './stream-config.js';

export interface StreamState {
  record: StreamRecord;
  dedup: DedupWindow;
}

export interface PublishInput {
  subject: string;
  id: string;
  data: Uint8Array;
  headers: Record<string, string>;
}

export interface PublishResult {
  stream: string;
  seq: number;
  duplicate: boolean;
}

export type StoredMessage = MessageRecord & { seq: number };

export class Streams {
  private readonly streams = new Map<string, StreamState>();
  private readonly published: Array<(stream: string) => void> = [];

  constructor(private readonly store: BrokerStore) {}

  /** Rebuilds the in-memory view (sequences, dedup ids) from the store, at start. */
  load(): void {
    for (const { value } of this.store.streams.getRange()) {
      this.streams.set(value.name, { record: value, dedup: new DedupWindow(value.duplicateWindowMs) });
    }
    // Oldest first, as the window expects.
    const seen = [...this.store.dedup.getRange()].sort((a, b) => a.value.time - b.value.time);
    for (const { key, value } of seen) {
      this.streams.get(key[0])?.dedup.remember(key[1], { ...value, stored: Promise.resolve() });
    }
  }

  /** Calls `listener` with the stream's name after each stored (not duplicate) message. */
  onPublished(listener: (stream: string) => void): void {
    this.published.push(listener);
  }

  all(): StreamState[] {
    return [...this.streams.values()];
  }

  get(name: string): StreamState {
    const stream = this.streams.get(name);
    if (!stream) throw notFound(`No stream named ${name}`);
    return stream;
  }

  has(name: string): boolean {
    return this.streams.has(name);
  }

  /** Creates the stream, or updates its settings; its messages and sequence are kept. */
  async ensure(requested: StreamConfig): Promise<StreamState> {
    const config = checkStreamConfig(
      requested,
      this.all().map((s) => s.record),
    );
    const existing = this.streams.get(config.name);
    const record: StreamRecord = { ...config, lastSeq: existing?.record.lastSeq ?? 0 };
    const state = existing ?? { record, dedup: new DedupWindow(config.duplicateWindowMs) };
    state.record = record;
    state.dedup.setWindow(config.duplicateWindowMs);
    this.streams.set(config.name, state);
    await this.store.streams.put(config.name, record);
    return state;
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    if (!isValidSubject(input.subject)) {
      throw invalid('The subject is not valid', [
        { path: 'body/subject', message: 'must be tokens without wildcards' },
      ]);
    }
    const stream = this.all().find((s) => matchesAny(s.record.subjects, input.subject));
    if (!stream) throw notFound(`No stream takes subject ${input.subject}`);
    const name = stream.record.name;
    const now = Date.now();
    const seen = stream.dedup.lookup(input.id, now);
    if (seen) {
      await seen.stored;
      return { stream: name, seq: seen.seq, duplicate: true };
    }
    const seq = ++stream.record.lastSeq;
    const message: MessageRecord = { ...input, time: now };
    // Issued in one event turn, so lmdb commits the three writes in one transaction.
    const stored = Promise.all([
      this.store.messages.put([name, seq], message),
      this.store.dedup.put([name, input.id], { seq, time: now }),
      this.store.streams.put(name, stream.record),
    ]);
    stream.dedup.remember(input.id, { seq, time: now, stored });
    await stored;
    for (const listener of this.published) listener(name);
    return { stream: name, seq, duplicate: false };
  }

  read(name: string, fromSeq: number, limit: number): StoredMessage[] {
    this.get(name);
    const range = this.store.messages.getRange({ start: [name, fromSeq], end: [name, MAX_SEQ], limit });
    return [...range].map(({ key, value }) => ({ ...value, seq: key[1] }));
  }

  /** The first stored sequence (lastSeq + 1 when empty) and the number of stored messages. */
  extent(name: string): { firstSeq: number; messages: number } {
    const { record } = this.get(name);
    const range = { start: [name, 0] as [string, number], end: [name, MAX_SEQ] as [string, number] };
    const [first] = [...this.store.messages.getKeys({ ...range, limit: 1 })];
    return { firstSeq: first ? first[1] : record.lastSeq + 1, messages: this.store.messages.getCount(range) };
  }
}
