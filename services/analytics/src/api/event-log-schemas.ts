// The event log API's schemas: the runtime checks, the static types and the OpenAPI document.
import { Page, PageQuery, problemResponses, type Static, Type } from '@emporium/service-kit';

export const ListEventsQuery = Type.Object({
  type: Type.Optional(
    Type.String({
      pattern: '^emporium\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[0-9]+$',
      description: 'only events of this CloudEvents type',
      examples: ['emporium.orders.OrderCreated.v1'],
    }),
  ),
  subject: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'only events about this aggregate (an order id...)' }),
  ),
  ...PageQuery.properties,
});
export type ListEventsQuery = Static<typeof ListEventsQuery>;

export const LoggedEventJson = Type.Object({
  id: Type.String(),
  type: Type.String(),
  source: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  time: Type.String({ format: 'date-time', description: 'when it happened, per its producer' }),
  data: Type.Unknown({ description: "the event's data, as published" }),
  received_at: Type.String({ format: 'date-time', description: 'when analytics stored it' }),
});
export type LoggedEventJson = Static<typeof LoggedEventJson>;

export const EventLogPage = Page(LoggedEventJson);
export type EventLogPage = Static<typeof EventLogPage>;

export const listEventsRoute = {
  schema: {
    tags: ['events'],
    operationId: 'listEvents',
    summary: 'The stored domain events, newest first',
    description: 'Every domain event analytics received, by event time (newest first), paged with next_cursor.',
    querystring: ListEventsQuery,
    response: { 200: EventLogPage, ...problemResponses(400, 401, 403) },
  },
  config: { auth: 'admin' as const },
};
