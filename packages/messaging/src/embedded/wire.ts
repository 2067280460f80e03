// The embedded broker's JSON answers as this client reads them, checked on arrival: a broker of
// another version fails loudly here instead of handing a handler half a message.
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

const StoredMessage = Type.Object({
  sequence: Type.Integer(),
  subject: Type.String(),
  id: Type.String(),
  data: Type.String({ description: 'base64' }),
  headers: Type.Record(Type.String(), Type.String()),
});

const Delivered = Type.Object({
  ...StoredMessage.properties,
  token: Type.String(),
  deliveries: Type.Integer({ minimum: 1 }),
});

export const MessageList = Compile(Type.Object({ messages: Type.Array(StoredMessage) }));
export const FetchResult = Compile(Type.Object({ messages: Type.Array(Delivered) }));
export const PublishAck = Compile(Type.Object({ duplicate: Type.Boolean() }));
export const Settled = Compile(Type.Object({ settled: Type.Integer() }));
/** For routes whose answer the client does not read (health, ensure stream or consumer). */
export const Answered = Compile(Type.Unknown());

export type Delivered = Static<typeof Delivered>;
export type StoredMessage = Static<typeof StoredMessage>;

/** What Compile returns, as the client needs it. */
export interface Reader<T> {
  Check(value: unknown): value is T;
}

/** The broker's body limits, mirrored so the client clamps instead of sending a request it refuses. */
export const LIMITS = {
  maxDelayMs: 86_400_000,
  maxAckWaitMs: 86_400_000,
  maxDeliver: 1_000_000,
  maxBatch: 1000,
  maxReadLimit: 1000,
} as const;

export const base64 = (data: Uint8Array) =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
export const fromBase64 = (data: string): Uint8Array => Buffer.from(data, 'base64');
