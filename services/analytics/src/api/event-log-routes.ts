// The event log API (admin only): what analytics has received, newest first, for the ops console.
import { decodeCursor, type Pool, type ServiceApp, Type, toPage } from '@emporium/service-kit';
import { type EventLogPosition, type LoggedEvent, listEvents } from '../store/event-log-store.js';
import { type EventLogPage, type ListEventsQuery, type LoggedEventJson, listEventsRoute } from './event-log-schemas.js';

// The route table.
export function registerEventLogRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/events', listEventsRoute, (req) => listEventLog(pool, req.query));
}

/** The log is keyset-paged on (time, id), newest first. */
const EventLogCursor = Type.Object({ time: Type.String({ format: 'date-time' }), id: Type.String({ minLength: 1 }) });

async function listEventLog(pool: Pool, query: ListEventsQuery): Promise<EventLogPage> {
  const after: EventLogPosition | undefined = query.cursor ? decodeCursor(query.cursor, EventLogCursor) : undefined;
  const rows = await listEvents(pool, { type: query.type, subject: query.subject }, after, query.limit + 1);
  const page = toPage(rows, query.limit, (last) => ({ time: last.timeKey, id: last.id }));
  return { items: page.items.map(toEventJson), next_cursor: page.next_cursor };
}

function toEventJson(event: LoggedEvent): LoggedEventJson {
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time.toISOString(),
    data: event.data,
    received_at: event.receivedAt.toISOString(),
  };
}
