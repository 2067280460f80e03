// Turns an order saga's step log (GET /api/orders/v1/orders/{id}/saga) into a step diagram: one box per
// step in the order the saga ran them, each with its forward state (started, completed, failed, timed out)
// and its compensation state (compensating, compensated), plus the saga's outcome.

export interface SagaLogEntry {
  step: string;
  event: string;
  detail: string | null;
  at: string;
}

export interface SagaInput {
  status: string;
  current_step: string | null;
  outcome_reason: string | null;
  awaiting_compensation: string[];
  timeline: SagaLogEntry[];
}

export type StepState = 'running' | 'completed' | 'failed' | 'timed_out' | 'skipped';
export type UndoState = 'none' | 'compensating' | 'compensated';

export interface SagaStepBox {
  name: string;
  state: StepState;
  undo: UndoState;
  detail: string | null;
  startedAt: string | null;
  endedAt: string | null;
  events: SagaLogEntry[];
}

export type SagaOutcome = 'running' | 'succeeded' | 'compensating' | 'compensated';

export interface SagaDiagram {
  steps: SagaStepBox[];
  /** Saga-level entries (saga_started, aborted) that belong to no step. */
  sagaEvents: SagaLogEntry[];
  outcome: SagaOutcome;
  reason: string | null;
  startedAt: string | null;
}

const FORWARD: Record<string, StepState> = { completed: 'completed', failed: 'failed', timed_out: 'timed_out' };

export function buildSagaDiagram(saga: SagaInput, sagaName = 'order'): SagaDiagram {
  const steps = new Map<string, SagaStepBox>();
  const sagaEvents: SagaLogEntry[] = [];
  for (const entry of saga.timeline) {
    if (entry.step === sagaName) {
      sagaEvents.push(entry);
      continue;
    }
    let box = steps.get(entry.step);
    if (!box) {
      box = {
        name: entry.step,
        state: 'running',
        undo: 'none',
        detail: null,
        startedAt: null,
        endedAt: null,
        events: [],
      };
      steps.set(entry.step, box);
    }
    box.events.push(entry);
    applyEntry(box, entry);
  }
  for (const box of steps.values()) {
    // A step still "running" in a saga that is no longer running was abandoned by a timeout or an abort.
    if (box.state === 'running' && saga.status !== 'running' && saga.current_step !== box.name) box.state = 'skipped';
    // An undo the saga no longer awaits is done: its reply came, or it has none to wait for.
    if (box.undo === 'compensating' && !saga.awaiting_compensation.includes(box.name)) box.undo = 'compensated';
  }
  return {
    steps: [...steps.values()],
    sagaEvents,
    outcome: outcomeOf(saga.status),
    reason: saga.outcome_reason,
    startedAt: sagaEvents.find((e) => e.event === 'saga_started')?.at ?? saga.timeline[0]?.at ?? null,
  };
}

function applyEntry(box: SagaStepBox, entry: SagaLogEntry) {
  if (entry.event === 'started') {
    box.startedAt = entry.at;
    return;
  }
  const forward = FORWARD[entry.event];
  if (forward) {
    box.state = forward;
    box.endedAt = entry.at;
    if (entry.detail) box.detail = entry.detail;
    return;
  }
  if (entry.event === 'late_success') {
    box.state = 'completed';
    box.detail = entry.detail;
  } else if (entry.event === 'compensating' && box.undo !== 'compensated') {
    box.undo = 'compensating';
  } else if (entry.event === 'compensated') {
    box.undo = 'compensated';
  }
}

function outcomeOf(status: string): SagaOutcome {
  if (status === 'completed') return 'succeeded';
  if (status === 'compensating' || status === 'compensated') return status;
  return 'running';
}
