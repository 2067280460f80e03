// What the saga engine reports: a span per transition (start, reply, timeout, abort) carrying the
// saga's id under the definition's attribute (the order saga's is emporium.order_id, which the
// collector's trace search reads), and the outcome counter by reason.
import { type Span, withSpan } from '@emporium/service-kit';
import { Counter } from 'prom-client';
import type { SagaDefinition } from './definition.js';

export const sagaOutcomes = new Counter({
  name: 'emporium_saga_outcomes_total',
  help: 'Sagas that ended, by saga, outcome (completed, failed, aborted) and reason',
  labelNames: ['saga', 'outcome', 'reason'] as const,
});

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
