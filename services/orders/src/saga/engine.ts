// Runs a declared saga (definition.ts): starts it, moves it on each reply, gives up on a step past its
// deadline, and compensates completed steps in reverse. Every transition happens in the transaction
// of the message or timeout that caused it, with the saga row locked, so a crash at any point resumes
// from the last committed transition and a redelivered reply (already in the inbox) has no effect.
import type { EventOf, MessageDefinition } from '@emporium/contracts';
import { type MessageHandler, on, publishAll } from '@emporium/messaging';
import type { PoolClient } from '@emporium/service-kit';
import { appendStepLog, insertSaga, lockSaga, type SagaRow, type StepLogEntry, saveSaga } from '../store/saga-store.js';
import { type ReplyKind, type SagaCommand, type SagaDefinition, type SagaStep, stepReplies } from './definition.js';
import { countOutcome, sagaSpan } from './telemetry.js';

type Envelope = EventOf<MessageDefinition>;

export interface SagaEngine<D> {
  definition: SagaDefinition<D>;
  /** Creates the saga instance and sends the first step's command. */
  start(tx: PoolClient, sagaId: string, data: D): Promise<void>;
  /** Applies a reply (InventoryReserved, PaymentFailed, ...) to its saga. */
  handle(tx: PoolClient, event: Envelope): Promise<void>;
  /** The current step of a locked, running saga ran out of time: compensate with reason 'timeout'. */
  expire(tx: PoolClient, saga: SagaRow): Promise<void>;
  /**
   * Stops the saga from outside (a cancel): compensates every completed step, and the running step too,
   * since its command may already have taken effect. Returns false if the saga is already undone.
   */
  abort(tx: PoolClient, sagaId: string, reason: string): Promise<boolean>;
  /** One message handler per reply type, for the service's subscriptions. */
  handlers(why: string): MessageHandler[];
}

export function createSagaEngine<D>(definition: SagaDefinition<D>): SagaEngine<D> {
  const { steps } = definition;
  const replies = new Map<string, { step: SagaStep<D>; kind: ReplyKind; message: MessageDefinition }>();
  for (const step of steps) {
    for (const { kind, message } of stepReplies(step)) replies.set(message.type, { step, kind, message });
  }

  const send = (tx: PoolClient, sagaId: string, commands: SagaCommand[], cause?: Envelope) =>
    publishAll(
      tx,
      commands.map((c) => ({
        ...c,
        context: { source: definition.source, subject: sagaId, ...(cause ? { cause } : {}) },
      })),
    );

  const deadlineOf = (step: SagaStep<D> | undefined) =>
    step?.timeoutMs === undefined ? null : new Date(Date.now() + step.timeoutMs);

  /** Sends commands from step `from` on until one awaits a reply, or completes the saga. */
  async function runFrom(tx: PoolClient, saga: SagaRow, from: number, log: StepLogEntry[], cause?: Envelope) {
    const data = saga.data as D;
    const commands: SagaCommand[] = [];
    let index = from;
    for (; index < steps.length; index++) {
      const step = steps[index] as SagaStep<D>;
      commands.push(step.invoke(data));
      log.push({ step: step.name, event: 'started' });
      if (step.completesOn) break;
      saga.completed_steps = [...saga.completed_steps, step.name];
      log.push({ step: step.name, event: 'completed', detail: 'sent; no reply awaited' });
    }
    await send(tx, saga.id, commands, cause);
    if (index >= steps.length) {
      saga.status = 'completed';
      saga.deadline_at = null;
      saga.current_step = steps.length;
      log.push({ step: definition.name, event: 'saga_completed' });
      countOutcome(tx, definition.name, 'completed', 'none');
      await definition.onCompleted(tx, { sagaId: saga.id, data, ...(cause ? { cause } : {}) });
    } else {
      saga.current_step = index;
      saga.deadline_at = deadlineOf(steps[index]);
    }
  }

  /** Sends the compensations of `undo` (in reverse step order) and records what the saga awaits. */
  async function compensate(
    tx: PoolClient,
    saga: SagaRow,
    undo: string[],
    reason: string,
    log: StepLogEntry[],
    cause?: Envelope,
  ) {
    const toUndo = [...steps].reverse().filter((s) => undo.includes(s.name) && s.compensate);
    await send(
      tx,
      saga.id,
      toUndo.map((s) => (s.compensate as NonNullable<SagaStep<D>['compensate']>)(saga.data as D, reason)),
      cause,
    );
    for (const s of toUndo) log.push({ step: s.name, event: 'compensating', detail: reason });
    // Only a completed step's undo is sure to be answered; the running step's undo is a precaution
    // (its command may or may not have taken effect), so the saga does not wait on it.
    const confirmed = (s: SagaStep<D>) => stepReplies(s).some((r) => r.kind === 'compensated');
    saga.awaiting = toUndo.filter((s) => confirmed(s) && saga.completed_steps.includes(s.name)).map((s) => s.name);
    saga.status = saga.awaiting.length > 0 ? 'compensating' : 'compensated';
    saga.deadline_at = null;
    saga.outcome_reason = reason;
  }

  async function fail(
    tx: PoolClient,
    saga: SagaRow,
    reason: string,
    includeCurrent: boolean,
    log: StepLogEntry[],
    cause?: Envelope,
  ) {
    const current = steps[saga.current_step];
    const undo = includeCurrent && current ? [...saga.completed_steps, current.name] : saga.completed_steps;
    await compensate(tx, saga, undo, reason, log, cause);
    countOutcome(tx, definition.name, 'failed', reason);
    await definition.onFailed(tx, { sagaId: saga.id, data: saga.data as D, reason, ...(cause ? { cause } : {}) });
  }

  function handle(tx: PoolClient, event: Envelope) {
    const reply = replies.get(event.type);
    if (!reply) return Promise.resolve();
    const sagaId = definition.correlate(event);
    return sagaSpan(definition, `${reply.step.name} ${reply.kind}`, sagaId, () => applyReply(tx, event, reply, sagaId));
  }

  async function applyReply(
    tx: PoolClient,
    event: Envelope,
    reply: { step: SagaStep<D>; kind: ReplyKind },
    sagaId: string,
  ) {
    const saga = await lockSaga(tx, sagaId);
    if (!saga) throw new Error(`${event.type} ${event.id} names no ${definition.name} saga`);
    const { step, kind } = reply;
    const isCurrent = saga.status === 'running' && steps[saga.current_step] === step;
    const log: StepLogEntry[] = [];
    const entry = (name: string, detail?: string) =>
      log.push({ step: step.name, event: name, detail: detail ?? null, messageId: event.id });
    if (kind === 'compensated' && !saga.awaiting.includes(step.name)) {
      entry('ignored', 'not an undo this saga awaits');
    } else if (kind === 'compensated') {
      entry('compensated');
      saga.awaiting = saga.awaiting.filter((name) => name !== step.name);
      if (saga.status === 'compensating' && saga.awaiting.length === 0) saga.status = 'compensated';
    } else if (isCurrent && kind === 'completed') {
      entry('completed');
      saga.completed_steps = [...saga.completed_steps, step.name];
      await runFrom(tx, saga, saga.current_step + 1, log, event);
    } else if (isCurrent) {
      const reason = step.failsOn?.reason(event) ?? 'failed';
      entry('failed', reason);
      await fail(tx, saga, reason, false, log, event);
    } else if (kind === 'completed' && saga.status !== 'running' && saga.status !== 'completed' && step.compensate) {
      // The step succeeded after the saga gave up on it (a timeout or a cancel): undo it too.
      entry('late_success', `undone: the saga had already ended (${saga.outcome_reason ?? saga.status})`);
      await send(tx, saga.id, [step.compensate(saga.data as D, saga.outcome_reason ?? 'late')], event);
      log.push({ step: step.name, event: 'compensating', detail: 'late success' });
    } else {
      entry('ignored', `reply arrived while the saga was ${saga.status}`);
    }
    await saveSaga(tx, saga);
    await appendStepLog(tx, saga.id, log);
  }

  return {
    definition,
    start: (tx, sagaId, data) => sagaSpan(definition, 'start', sagaId, () => start(tx, sagaId, data)),
    handle,
    expire: (tx, saga) => sagaSpan(definition, 'timeout', saga.id, () => expire(tx, saga)),
    abort: (tx, sagaId, reason) => sagaSpan(definition, 'abort', sagaId, () => abort(tx, sagaId, reason)),
    handlers: (why) =>
      [...replies.values()].map(({ message }) => on(message, why, (tx, event) => handle(tx, event as Envelope))),
  };

  async function start(tx: PoolClient, sagaId: string, data: D) {
    const saga: SagaRow = {
      id: sagaId,
      saga: definition.name,
      status: 'running',
      current_step: 0,
      completed_steps: [],
      awaiting: [],
      deadline_at: null,
      outcome_reason: null,
      data,
      created_at: new Date(),
      updated_at: new Date(),
    };
    await insertSaga(tx, saga);
    const log: StepLogEntry[] = [{ step: definition.name, event: 'saga_started' }];
    await runFrom(tx, saga, 0, log);
    await saveSaga(tx, saga);
    await appendStepLog(tx, saga.id, log);
  }

  async function expire(tx: PoolClient, saga: SagaRow) {
    const step = steps[saga.current_step];
    const log: StepLogEntry[] = [{ step: step?.name ?? definition.name, event: 'timed_out' }];
    await fail(tx, saga, 'timeout', true, log);
    await saveSaga(tx, saga);
    await appendStepLog(tx, saga.id, log);
  }

  async function abort(tx: PoolClient, sagaId: string, reason: string): Promise<boolean> {
    const saga = await lockSaga(tx, sagaId);
    if (!saga || saga.status === 'compensating' || saga.status === 'compensated') return false;
    const log: StepLogEntry[] = [{ step: definition.name, event: 'aborted', detail: reason }];
    const running = saga.status === 'running' ? steps[saga.current_step]?.name : undefined;
    await compensate(tx, saga, running ? [...saga.completed_steps, running] : saga.completed_steps, reason, log);
    countOutcome(tx, definition.name, 'aborted', reason);
    await saveSaga(tx, saga);
    await appendStepLog(tx, saga.id, log);
    return true;
  }
}
