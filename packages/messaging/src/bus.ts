// The one interface every message broker adapter implements (NATS JetStream in production, the
// embedded broker in the local mode). Services never see an adapter: they publish through the outbox
// and consume through `consume()` in consumer.ts, which adds validation, the inbox and dead letters.

/** A message as it travels: the body is the CloudEvents JSON envelope, as bytes. */
export interface BusMessage {
  /** e.g. `emporium.users.UserRegistered.v1` (the CloudEvents `type`). */
  subject: string;
  /** The event id; the broker drops a second publish of the same id within its dedup window. */
  id: string;
  data: Uint8Array;
  headers?: Record<string, string>;
}

/** One delivery of a message to one durable consumer. Exactly one of ack/nak/term must be called. */
export interface Delivery {
  subject: string;
  id: string;
  data: Uint8Array;
  headers: Record<string, string>;
  /** 1 on the first delivery, 2 on the first redelivery, ... */
  deliveryCount: number;
  /** Messages still waiting for this consumer after this one, when the broker says (NATS does). */
  pending?: number;
  /** Processed: never deliver again. */
  ack(): Promise<void>;
  /** Not processed: deliver again after `delayMs` (to this or another instance of the consumer). */
  nak(delayMs: number): Promise<void>;
  /** Never deliver again, without having processed it (the caller has dead-lettered it). */
  term(): Promise<void>;
}

export interface StreamOptions {
  /** e.g. `EMPORIUM_USERS`. */
  name: string;
  /** e.g. [`emporium.users.>`]; `*` matches one token, `>` the rest. */
  subjects: string[];
  /** Messages older than this are dropped (retention). */
  maxAgeMs: number;
  /** Publishes of an id seen within this window are dropped as duplicates. */
  duplicateWindowMs: number;
}

export interface ConsumerOptions {
  /** The durable name, one per subscribing service (e.g. `notifications`): its instances compete. */
  durable: string;
  stream: string;
  filterSubjects: string[];
  /** A delivery neither acked nor nakked within this time is delivered again. */
  ackWaitMs: number;
  /** The broker stops delivering after this many deliveries (the consumer dead-letters before). */
  maxDeliveries: number;
  /** How many deliveries this instance handles at once. */
  maxInFlight: number;
}

export interface Subscription {
  /** Stops fetching and waits for the deliveries in hand to finish. */
  stop(): Promise<void>;
}

export interface MessageBus {
  /** Creates the stream, or updates it to these options. Idempotent. */
  ensureStream(options: StreamOptions): Promise<void>;
  /** Resolves once the broker has stored the message (or recognised it as a duplicate). */
  publish(message: BusMessage): Promise<{ duplicate: boolean }>;
  /** Creates or updates the durable consumer, then hands each delivery to `handle`, up to maxInFlight at once. */
  consume(options: ConsumerOptions, handle: (delivery: Delivery) => Promise<void>): Promise<Subscription>;
  /** Reads stored messages of a stream in order, without consuming (for `events tail` and dead-letter listings). */
  read(stream: string, fromSequence: number, limit: number): Promise<Array<BusMessage & { sequence: number }>>;
  /** True while connected to the broker. */
  isConnected(): boolean;
  close(): Promise<void>;
}

/** Dead letters are ordinary messages on their own stream, so both adapters store and list them alike. */
export const DEAD_LETTER_STREAM = 'EMPORIUM_DEADLETTERS';
export const deadLetterSubject = (durable: string) => `emporium.deadletter.${durable}`;
export const DEAD_LETTER_HEADERS = {
  reason: 'emporium-dlq-reason',
  subject: 'emporium-dlq-subject',
  consumer: 'emporium-dlq-consumer',
  deliveries: 'emporium-dlq-deliveries',
  originalId: 'emporium-dlq-original-id',
} as const;
