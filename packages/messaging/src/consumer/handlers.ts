// How a service declares what it consumes: one entry per message type, with why, in one place per
// service (src/messages/subscriptions.ts), so the catalog check can read them.
import type { EventOf, MessageDefinition } from '@emporium/contracts';
import type { PoolClient } from '@emporium/service-kit';

/** What a handler gets besides the transaction and the message. */
export interface HandlerContext {
  /** The consumer's logger (JSON logs of the service). */
  log: { warn(o: object, m: string): void };
}

export interface MessageHandler<D extends MessageDefinition = MessageDefinition> {
  message: D;
  /** Why this service consumes it. */
  why: string;
  /** Runs inside the transaction that also records the message in the inbox: its effect commits once. */
  handle(tx: PoolClient, event: EventOf<D>, context: HandlerContext): Promise<void>;
}

export function on<D extends MessageDefinition>(
  message: D,
  why: string,
  handle: (tx: PoolClient, event: EventOf<D>, context: HandlerContext) => Promise<void>,
): MessageHandler {
  return { message, why, handle } as unknown as MessageHandler;
}
