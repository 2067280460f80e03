// Dead letters as operators see them (the CLI's `events dead-letters | replay` and the collector's
// /v1/dead-letters): each refused message with why, from where and what it carried, and replay, which
// publishes it again on its original subject under a new broker id (past dedup). Consumers that had
// already handled it skip it through their inbox.
import { type BusMessage, DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM, type MessageBus } from './bus.js';

export type StoredMessage = BusMessage & { sequence: number };

export interface DeadLetter {
  /** The original message id. */
  id: string;
  /** The subject it was published on (and is replayed to). */
  subject: string;
  /** The envelope's type; null when the message was not a readable envelope. */
  type: string | null;
  consumer: string;
  deliveries: number;
  reason: string;
  /** The envelope's time; null when unreadable. */
  time: string | null;
  data: unknown;
}

const PAGE = 1000;

/** Every message of `stream`, oldest first. */
export async function readWholeStream(bus: MessageBus, stream: string): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  for (let from = 1; ; ) {
    const page = await bus.read(stream, from, PAGE).catch(() => []);
    all.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return all;
    from = last.sequence + 1;
  }
}

function envelopeOf(message: BusMessage): { type?: unknown; time?: unknown; data?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(message.data).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function toDeadLetter(message: BusMessage): DeadLetter {
  const h = message.headers ?? {};
  const envelope = envelopeOf(message);
  return {
    id: h[DEAD_LETTER_HEADERS.originalId] ?? message.id,
    subject: h[DEAD_LETTER_HEADERS.subject] ?? '',
    type: typeof envelope?.type === 'string' ? envelope.type : null,
    consumer: h[DEAD_LETTER_HEADERS.consumer] ?? '',
    deliveries: Number(h[DEAD_LETTER_HEADERS.deliveries] ?? 0) || 0,
    reason: h[DEAD_LETTER_HEADERS.reason] ?? 'no reason recorded',
    time: typeof envelope?.time === 'string' ? envelope.time : null,
    data: envelope ? (envelope.data ?? null) : Buffer.from(message.data).toString('utf8').slice(0, 2000),
  };
}

export async function listDeadLetters(bus: MessageBus): Promise<DeadLetter[]> {
  return (await readWholeStream(bus, DEAD_LETTER_STREAM)).map(toDeadLetter);
}

/** Replays the latest dead letter with this original (or broker) id; undefined when there is none. */
export async function replayDeadLetter(bus: MessageBus, id: string): Promise<DeadLetter | undefined> {
  const letters = await readWholeStream(bus, DEAD_LETTER_STREAM);
  const letter = letters.findLast((l) => l.headers?.[DEAD_LETTER_HEADERS.originalId] === id || l.id === id);
  if (!letter) return undefined;
  const found = toDeadLetter(letter);
  if (!found.subject) return undefined;
  await bus.publish({ subject: found.subject, id: `${found.id}:replay:${Date.now()}`, data: letter.data });
  return found;
}
