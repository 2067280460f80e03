// How a saga is declared: an ordered list of steps, each with the command that does it, the replies
// that end it, and the command that undoes it (Medusa's createStep(invoke, compensate), Eventuate's
// saga definitions). The engine (engine.ts) runs any definition; the order saga is one (domain/order-saga.ts).
import type { EventOf, MessageDefinition } from '@emporium/contracts';
import type { OutgoingMessage } from '@emporium/messaging';
import type { PoolClient } from '@emporium/service-kit';

/** A message the step sends: its definition and data; the engine adds source, subject and cause. */
export type SagaCommand = Pick<OutgoingMessage, 'definition' | 'data'>;

export interface SagaStep<D> {
  name: string;
  /** The command that performs the step. */
  invoke(data: D): SagaCommand;
  /**
   * The reply that completes the step. Without one the step is fire-and-forget: it completes as soon
   * as its command is committed to the outbox (delivery is guaranteed, the receiver is idempotent).
   */
  completesOn?: MessageDefinition;
  /** The reply that fails the step, and the reason the saga gives for it. */
  failsOn?: { message: MessageDefinition; reason(event: EventOf<MessageDefinition>): string };
  /** The command that undoes the step once it completed (or may have, when it timed out). */
  compensate?(data: D, reason: string): SagaCommand;
  /**
   * The reply confirming the undo, or the replies that each do (money given back, or nothing to give
   * back); the saga is `compensated` when every awaited undo has been confirmed.
   */
  compensatedOn?: MessageDefinition | readonly MessageDefinition[];
  /** How long the step may take before the saga gives up on it and compensates with reason 'timeout'. */
  timeoutMs?: number;
}

export interface SagaOutcome<D> {
  sagaId: string;
  data: D;
  /** Why it ended other than completed: a failure reason, 'timeout', or the cancel's reason. */
  reason: string;
  cause?: EventOf<MessageDefinition>;
}

export interface SagaDefinition<D> {
  name: string;
  /** The message source of the commands the saga sends (`/emporium/<service>`). */
  source: string;
  steps: SagaStep<D>[];
  /** Which saga instance a reply belongs to. */
  correlate(event: EventOf<MessageDefinition>): string;
  /** The span attribute that carries the saga id (e.g. emporium.order_id), so its traces can be found by it. */
  idAttribute?: string;
  /** Every step completed: the saga's happy ending, in the same transaction. */
  onCompleted(tx: PoolClient, outcome: Omit<SagaOutcome<D>, 'reason'>): Promise<void>;
  /** A step failed or timed out; compensations of completed steps have been sent. */
  onFailed(tx: PoolClient, outcome: SagaOutcome<D>): Promise<void>;
}

export type ReplyKind = 'completed' | 'failed' | 'compensated';

/** Each reply a step listens to, with what it means for the step. */
export function stepReplies<D>(step: SagaStep<D>): { kind: ReplyKind; message: MessageDefinition }[] {
  const compensatedOn = step.compensatedOn === undefined ? [] : [step.compensatedOn].flat();
  return [
    ...(step.completesOn ? [{ kind: 'completed' as const, message: step.completesOn }] : []),
    ...(step.failsOn ? [{ kind: 'failed' as const, message: step.failsOn.message }] : []),
    ...compensatedOn.map((message) => ({ kind: 'compensated' as const, message })),
  ];
}

/** Declares a saga; checks that reply types are unambiguous, so each reply maps to one step. */
export function defineSaga<D>(definition: SagaDefinition<D>): SagaDefinition<D> {
  const seen = new Set<string>();
  for (const { message } of definition.steps.flatMap(stepReplies)) {
    if (seen.has(message.type)) throw new Error(`${definition.name}: ${message.type} ends more than one step`);
    seen.add(message.type);
  }
  return definition;
}

/** The reply types a saga listens to, for the service's subscriptions. */
export function repliesOf<D>(definition: SagaDefinition<D>): MessageDefinition[] {
  return definition.steps.flatMap((s) => stepReplies(s).map((r) => r.message));
}
