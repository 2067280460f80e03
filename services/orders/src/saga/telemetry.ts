// What the saga engine reports: a span per transition (start, reply, timeout, abort) carrying the
// saga's id under the definition's attribute (the order saga's is emporium.order_id, which the
// collector's trace search reads), and the outcome counter by reason.
import { afterCommit, type Queryable, type Span, withSpan } from '@emporium/service-kit';
import { Counter } from 'prom-client';
import type { SagaDefinition } from './definition.js';

const sagaOutcomes = new Counter({
  name: 'emporium_saga_outcomes_total',
  help: 'Sagas that ended, by saga, outcome (completed, failed, aborted) and reason',
  labelNames: ['saga', 'outcome', 'reason'] as const,
});

/** Counts a saga's end once the transaction that ended it has committed (a rolled-back end is no end). */
export function countOutcome(tx: Queryable, saga: string, outcome: 'completed' | 'failed' | 'aborted', reason: string) {
  afterCommit(tx, () => sagaOutcomes.inc({ saga, outcome, reason }));
}

export function sagaSpan<D, T>(
  definition: SagaDefinition<D>,
  transition: string,
  sagaId: string,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const attributes = {
    'emporium.saga.name': definition.name,
    'emporium.saga.id': sagaId,
    'emporium.saga.transition': transition,
    ...(definition.idAttribute ? { [definition.idAttribute]: sagaId } : {}),
  };
  return withSpan(`saga ${definition.name} ${transition}`, { attributes }, work);
}
