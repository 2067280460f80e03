// What the conformance specs share: names unique to one test (so tests never see each other's
// messages), messages built from short texts, a log of what a handler saw, and polling waits.
import { randomUUID } from 'node:crypto';
import type { BusMessage, ConsumerOptions, Delivery, MessageBus, StreamOptions } from '../../src/bus.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface Scenario {
  stream: StreamOptions;
  durable: string;
  /** A subject inside this test's stream. */
  subject(leaf: string): string;
  /** Consumer options for this test's stream and durable, with sensible test timings. */
  consumer(overrides?: Partial<ConsumerOptions>): ConsumerOptions;
}

/** Creates a stream no other test uses and returns names inside it. */
export async function openScenario(bus: MessageBus): Promise<Scenario> {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
  const prefix = `conformance.t${suffix}`;
  const stream = {
    name: `CONFORMANCE_${suffix.toUpperCase()}`,
    subjects: [`${prefix}.>`],
    maxAgeMs: 600_000,
    duplicateWindowMs: 60_000,
  };
  await bus.ensureStream(stream);
  const durable = `durable_${suffix}`;
  return {
    stream,
    durable,
    subject: (leaf) => `${prefix}.${leaf}`,
    consumer: (overrides) => ({
      durable,
      stream: stream.name,
      filterSubjects: [`${prefix}.>`],
      ackWaitMs: 5_000,
      maxDeliveries: 10,
      maxInFlight: 1,
      ...overrides,
    }),
  };
}

export function textMessage(subject: string, text: string, headers?: Record<string, string>): BusMessage {
  return { subject, id: randomUUID(), data: encoder.encode(text), headers };
}

export const textOf = (message: { data: Uint8Array }): string => decoder.decode(message.data);

export interface Seen {
  text: string;
  subject: string;
  id: string;
  headers: Record<string, string>;
  deliveryCount: number;
  at: number;
}

/** Records every delivery a handler received, in arrival order. */
export class DeliveryLog {
  readonly seen: Seen[] = [];

  record(delivery: Delivery): Seen {
    const { subject, id, headers, deliveryCount } = delivery;
    const entry = { text: textOf(delivery), subject, id, headers, deliveryCount, at: Date.now() };
    this.seen.push(entry);
    return entry;
  }

  texts(): string[] {
    return this.seen.map((entry) => entry.text);
  }

  of(text: string): Seen[] {
    return this.seen.filter((entry) => entry.text === text);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Retries `action` until it succeeds, e.g. while a restarted broker comes back. */
export async function retryUntilOk<T>(action: () => Promise<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} still failing after ${timeoutMs} ms`, { cause: error });
      await sleep(100);
    }
  }
}
