// Everything the sink received, in one LMDB environment: messages by id, a timeline for newest-first
// listing, and the dedup keys (a mail's Message-ID, an API call's Idempotency-Key) that make a resend
// show once. A write resolves once committed, so the sink only accepts what a restart keeps.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, open, type RootDatabase } from 'lmdb';

export type Channel = 'email' | 'sms' | 'push';

export interface StoredMessage {
  id: string;
  channel: Channel;
  /** The recipients (mail envelope addresses, a phone number, or a user id). */
  to: string[];
  from?: string;
  subject?: string;
  text: string;
  html?: string;
  message_id?: string;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export type NewMessage = Omit<StoredMessage, 'id' | 'receivedAt'>;

export interface SavedMessage {
  message: StoredMessage;
  /** False when the dedup key was already stored: `message` is the first one. */
  created: boolean;
}

export interface ListFilter {
  channel?: Channel;
  to?: string;
  limit: number;
}

type TimelineKey = [receivedAt: number, id: string];

export interface MessageStore {
  /** Stores `message` unless `dedupKey` was stored before. */
  save(message: NewMessage, dedupKey?: string): Promise<SavedMessage>;
  get(id: string): StoredMessage | undefined;
  /** Newest first. */
  list(filter: ListFilter): StoredMessage[];
  clear(): Promise<void>;
  close(): Promise<void>;
}

export function openMessageStore(dataDir: string): MessageStore {
  mkdirSync(dataDir, { recursive: true });
  const root: RootDatabase = open({ path: join(dataDir, 'sink.mdb'), maxDbs: 4 });
  const messages: Database<StoredMessage, string> = root.openDB({ name: 'messages' });
  const timeline: Database<string, TimelineKey> = root.openDB({ name: 'timeline' });
  const dedup: Database<string, string> = root.openDB({ name: 'dedup' });

  const matches = (message: StoredMessage, filter: ListFilter) =>
    (!filter.channel || message.channel === filter.channel) &&
    (!filter.to || message.to.some((to) => to.toLowerCase() === filter.to?.toLowerCase()));

  return {
    save: (input, dedupKey) =>
      // The check and the writes share one write transaction, so two resends racing store one message.
      root.transaction(() => {
        const firstId = dedupKey ? dedup.get(dedupKey) : undefined;
        const first = firstId ? messages.get(firstId) : undefined;
        if (first) return { message: first, created: false };
        const message: StoredMessage = { ...input, id: randomUUID(), receivedAt: Date.now() };
        messages.putSync(message.id, message);
        timeline.putSync([message.receivedAt, message.id], message.id);
        if (dedupKey) dedup.putSync(dedupKey, message.id);
        return { message, created: true };
      }),
    get: (id) => messages.get(id),
    list(filter) {
      const found: StoredMessage[] = [];
      for (const { value: id } of timeline.getRange({ reverse: true })) {
        const message = messages.get(id);
        if (message && matches(message, filter)) found.push(message);
        if (found.length >= filter.limit) break;
      }
      return found;
    },
    clear: () =>
      root.transaction(() => {
        messages.clearSync();
        timeline.clearSync();
        dedup.clearSync();
      }),
    close: () => root.close(),
  };
}
