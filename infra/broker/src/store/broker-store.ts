// The broker's durable state in one LMDB environment: streams, their messages, dedup ids, consumers
// and their pending deliveries. Every write resolves once committed, so the broker only acknowledges
// what a restart (even a kill) keeps.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, open, type RootDatabase } from 'lmdb';

export interface StreamRecord {
  name: string;
  subjects: string[];
  maxAgeMs: number;
  duplicateWindowMs: number;
  /** The last sequence handed out; kept even when retention has removed every message. */
  lastSeq: number;
}

export interface MessageRecord {
  subject: string;
  id: string;
  headers: Record<string, string>;
  data: Uint8Array;
  /** Milliseconds since the epoch, when the broker stored it. */
  time: number;
}

export interface DedupRecord {
  seq: number;
  time: number;
}

export interface ConsumerRecord {
  stream: string;
  durable: string;
  filterSubjects: string[];
  ackWaitMs: number;
  maxDeliver: number;
  /** The next stream sequence this consumer has not looked at yet. */
  cursor: number;
}

/** A message delivered at least once and not yet acked or terminated. */
export interface PendingRecord {
  deliveries: number;
  /** In flight: when the ack wait runs out. Waiting: when it may be delivered again. */
  dueAt: number;
  inFlight: boolean;
}

export type MessageKey = [stream: string, seq: number];
export type PendingKey = [stream: string, durable: string, seq: number];

export interface BrokerStore {
  root: RootDatabase;
  streams: Database<StreamRecord, string>;
  messages: Database<MessageRecord, MessageKey>;
  dedup: Database<DedupRecord, [stream: string, id: string]>;
  consumers: Database<ConsumerRecord, [stream: string, durable: string]>;
  pending: Database<PendingRecord, PendingKey>;
  close(): Promise<void>;
}

/** The largest sequence, as the end of key ranges. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export function openBrokerStore(dataDir: string): BrokerStore {
  mkdirSync(dataDir, { recursive: true });
  const root = open({ path: join(dataDir, 'broker.mdb'), maxDbs: 8 });
  return {
    root,
    streams: root.openDB({ name: 'streams' }),
    messages: root.openDB({ name: 'messages' }),
    dedup: root.openDB({ name: 'dedup' }),
    consumers: root.openDB({ name: 'consumers' }),
    pending: root.openDB({ name: 'pending' }),
    close: () => root.close(),
  };
}
