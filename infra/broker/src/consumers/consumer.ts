// One durable pull consumer: which messages it has handed out, to be acked within the ack wait;
// which wait to be delivered again (after a nak delay or an expired ack wait); and where in the
// stream it has got to. Instances of a subscribing service share it by fetching from it.
import { matchesAny } from '../domain/subjects.js';
import type { BrokerStore, ConsumerRecord, MessageRecord, PendingRecord } from '../store/broker-store.js';
import { MAX_SEQ } from '../store/broker-store.js';
import { deliveryToken, parseDeliveryToken } from './delivery-token.js';
import { DueTimer } from './due-timer.js';
import { FetchWaiters } from './fetch-waiters.js';

export interface Taken {
  seq: number;
  deliveries: number;
  token: string;
  message: MessageRecord;
}

export type Settlement = 'ack' | 'nak' | 'term';

type Writes = Array<Promise<boolean>>;

export class Consumer {
  readonly pending = new Map<number, PendingRecord>();
  /** Pending messages that may be delivered now, lowest sequence first when taken. */
  private readonly ready = new Set<number>();
  private readonly waiters = new FetchWaiters<Taken>();
  private readonly due = new DueTimer((now) => this.fallDue(now));

  constructor(
    private readonly store: BrokerStore,
    public record: ConsumerRecord,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Restores pending deliveries saved before a restart; their due times still count. */
  restore(seq: number, entry: PendingRecord): void {
    this.pending.set(seq, entry);
    this.due.arm(entry.dueAt);
  }

  /** Hands out up to `batch` messages, waiting up to `expiresMs` for the first one. */
  async fetch(batch: number, expiresMs: number, signal?: AbortSignal): Promise<Taken[]> {
    const { taken, saved } = this.take(batch, Date.now());
    if (taken.length > 0 || expiresMs === 0) {
      await saved;
      return taken;
    }
    return this.waiters.wait(batch, expiresMs, signal);
  }

  /** New or redeliverable messages may be there: serve the waiting fetches, oldest first. */
  wake(): void {
    const now = Date.now();
    for (let waiter = this.waiters.first(); waiter; waiter = this.waiters.first()) {
      const { taken, saved } = this.take(waiter.batch, now);
      if (taken.length === 0) return;
      waiter.fulfil(saved.then(() => taken));
    }
  }

  /** Applies acks, naks or terms; returns how many named a pending delivery. */
  async settle(kind: Settlement, tokens: string[], delayMs = 0): Promise<number> {
    const now = Date.now();
    const writes: Writes = [];
    let settled = 0;
    for (const token of tokens) {
      const ref = parseDeliveryToken(token);
      const entry = ref && this.pending.get(ref.seq);
      if (!ref || !entry) continue;
      // An ack or term from an earlier delivery still counts (the work was done or dead-lettered);
      // a nak does not, since the message may be in another instance's hands by now.
      if (kind === 'nak' && (!entry.inFlight || entry.deliveries !== ref.deliveries)) continue;
      settled++;
      if (kind !== 'nak' || entry.deliveries >= this.record.maxDeliver) {
        this.drop(ref.seq, writes);
        continue;
      }
      entry.inFlight = false;
      entry.dueAt = now + delayMs;
      writes.push(this.savePending(ref.seq, entry));
      if (delayMs > 0) this.due.arm(entry.dueAt);
      else this.ready.add(ref.seq);
    }
    await Promise.all(writes);
    if (kind === 'nak') this.wake();
    return settled;
  }

  counts(): { inFlight: number; waiting: number } {
    let inFlight = 0;
    for (const entry of this.pending.values()) if (entry.inFlight) inFlight++;
    return { inFlight, waiting: this.pending.size - inFlight };
  }

  /** Answers the waiting fetches with nothing and stops the timer (shutdown). */
  close(): void {
    this.waiters.releaseAll();
    this.due.stop();
  }

  /** Marks up to `batch` messages in flight, redeliveries first; `saved` resolves once that is committed. */
  private take(batch: number, now: number): { taken: Taken[]; saved: Promise<unknown> } {
    const taken: Taken[] = [];
    const dueAt = now + this.record.ackWaitMs;
    const writes: Writes = [];
    for (const seq of [...this.ready].sort((a, b) => a - b)) {
      if (taken.length >= batch) break;
      this.ready.delete(seq);
      const entry = this.pending.get(seq);
      const message = this.store.messages.get([this.record.stream, seq]);
      if (!entry || !message) {
        this.drop(seq, writes); // retention removed it while it waited
        continue;
      }
      this.handOut(seq, { deliveries: entry.deliveries + 1, inFlight: true, dueAt }, message, taken, writes);
    }
    if (taken.length < batch) this.takeNew(batch - taken.length, dueAt, taken, writes);
    if (taken.length > 0) {
      this.due.arm(dueAt);
      writes.push(this.store.consumers.put([this.record.stream, this.record.durable], this.record));
    }
    return { taken, saved: Promise.all(writes) };
  }

  private takeNew(batch: number, dueAt: number, taken: Taken[], writes: Writes): void {
    const { stream, filterSubjects } = this.record;
    const range = this.store.messages.getRange({ start: [stream, this.record.cursor], end: [stream, MAX_SEQ] });
    let count = 0;
    for (const { key, value } of range) {
      const seq = key[1];
      this.record.cursor = seq + 1;
      if (!matchesAny(filterSubjects, value.subject)) continue;
      this.handOut(seq, { deliveries: 1, inFlight: true, dueAt }, value, taken, writes);
      if (++count >= batch) break;
    }
  }

  private handOut(seq: number, entry: PendingRecord, message: MessageRecord, taken: Taken[], writes: Writes): void {
    this.pending.set(seq, entry);
    writes.push(this.savePending(seq, entry));
    taken.push({ seq, deliveries: entry.deliveries, token: deliveryToken({ seq, ...entry }), message });
  }

  /** Ack waits that ran out make their messages deliverable again, up to max_deliver. */
  private fallDue(now: number): void {
    let next = Number.POSITIVE_INFINITY;
    const writes: Writes = [];
    for (const [seq, entry] of this.pending) {
      if (entry.dueAt > now) {
        next = Math.min(next, entry.dueAt);
      } else if (entry.inFlight && entry.deliveries >= this.record.maxDeliver) {
        this.drop(seq, writes);
      } else {
        // Not saved: a stored in-flight entry past its due time reads the same after a restart.
        entry.inFlight = false;
        this.ready.add(seq);
      }
    }
    this.due.arm(next);
    Promise.all(writes).catch(this.onError);
    if (this.ready.size > 0) this.wake();
  }

  private drop(seq: number, writes: Writes): void {
    this.pending.delete(seq);
    this.ready.delete(seq);
    writes.push(this.store.pending.remove([this.record.stream, this.record.durable, seq]));
  }

  private savePending(seq: number, entry: PendingRecord): Promise<boolean> {
    return this.store.pending.put([this.record.stream, this.record.durable, seq], entry);
  }
}
