// The append-only event log: every domain event analytics receives, as received, and the newest-first
// listing behind GET /v1/events.
import type { CloudEvent } from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';

export interface LoggedEvent {
  id: string;
  type: string;
  source: string;
  subject: string | null;
  time: Date;
  data: unknown;
  receivedAt: Date;
  /** `time` at full (microsecond) precision, for a keyset position that a JS Date would round. */
  timeKey: string;
}

export interface EventLogFilter {
  type?: string | undefined;
  subject?: string | undefined;
}

/** Where a page ends: the (time, id) of its last event; the next page starts strictly after (older). */
export interface EventLogPosition {
  time: string;
  id: string;
}

/** Appends `event`; false if an event with its id is already logged (the event must have no second effect). */
export async function appendEvent(tx: Queryable, event: CloudEvent): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO event_log (id, type, source, subject, time, data)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [event.id, event.type, event.source, event.subject ?? null, event.time, JSON.stringify(event.data ?? null)],
  );
  return result.rowCount === 1;
}

export async function listEvents(
  db: Queryable,
  filter: EventLogFilter,
  after: EventLogPosition | undefined,
  limit: number,
): Promise<LoggedEvent[]> {
  const { rows } = await db.query<
    Omit<LoggedEvent, 'receivedAt' | 'timeKey'> & { received_at: Date; time_key: string }
  >(
    `SELECT id, type, source, subject, time, data, received_at,
            to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time_key
     FROM event_log
     WHERE ($1::text IS NULL OR type = $1)
       AND ($2::text IS NULL OR subject = $2)
       AND ($3::timestamptz IS NULL OR (time, id) < ($3::timestamptz, $4::text))
     ORDER BY time DESC, id DESC
     LIMIT $5`,
    [filter.type ?? null, filter.subject ?? null, after?.time ?? null, after?.id ?? null, limit],
  );
  return rows.map(({ received_at, time_key, ...row }) => ({ ...row, receivedAt: received_at, timeKey: time_key }));
}
