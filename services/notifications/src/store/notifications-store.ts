// SQL for notifications: one row per (event, channel), and its delivery outcome.
import type { Queryable } from '@emporium/service-kit';
import type { Channel } from '../domain/channels.js';
import type { TemplateCall } from '../templates/index.js';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** The event a notification came from, as the causation of what it publishes. */
export interface Cause {
  id: string;
  correlationid?: string;
  traceparent?: string;
}

export type Notification = TemplateCall & {
  id: string;
  userId: string;
  eventId: string;
  channel: Channel;
  subject: string;
  cause: Cause;
  status: NotificationStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
};

export type NewNotification = Omit<Notification, 'status' | 'attempts' | 'createdAt' | 'sentAt'>;

interface NotificationRow {
  id: string;
  user_id: string;
  event_id: string;
  channel: Channel;
  template: TemplateCall['template'];
  data: TemplateCall['data'];
  subject: string;
  cause: Cause;
  status: NotificationStatus;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = 'id, user_id, event_id, channel, template, data, subject, cause, status, attempts, created_at, sent_at';

// The row's template and data were written together by insertNotification from one TemplateCall.
const toNotification = (row: NotificationRow): Notification =>
  ({
    id: row.id,
    userId: row.user_id,
    eventId: row.event_id,
    channel: row.channel,
    template: row.template,
    data: row.data,
    subject: row.subject,
    cause: row.cause,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  }) as Notification;

/** Adds the notification; false when one for this event and channel already exists. */
export async function insertNotification(tx: Queryable, n: NewNotification): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO notifications (id, user_id, event_id, channel, template, data, subject, cause)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT ON CONSTRAINT notifications_event_channel_key DO NOTHING`,
    [n.id, n.userId, n.eventId, n.channel, n.template, JSON.stringify(n.data), n.subject, JSON.stringify(n.cause)],
  );
  return result.rowCount === 1;
}

export async function findNotification(db: Queryable, id: string): Promise<Notification | undefined> {
  const { rows } = await db.query<NotificationRow>(`SELECT ${COLUMNS} FROM notifications WHERE id = $1`, [id]);
  return rows[0] && toNotification(rows[0]);
}

/** The user's notifications, newest first, after the `before` id (exclusive) when given. */
export async function listNotifications(
  db: Queryable,
  userId: string,
  before: string | undefined,
  limit: number,
): Promise<Notification[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications
     WHERE user_id = $1 AND ($2::uuid IS NULL OR id < $2::uuid)
     ORDER BY id DESC LIMIT $3`,
    [userId, before ?? null, limit],
  );
  return rows.map(toNotification);
}

/** Counts a failed attempt that will be retried, keeping its error for whoever looks into it. */
export async function recordFailedAttempt(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE notifications SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error]);
}

/** Settles a pending notification as sent; false if it was already settled. */
export async function markSent(tx: Queryable, id: string): Promise<boolean> {
  const result = await tx.query(
    `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
     WHERE id = $1 AND status = 'pending'`,
    [id],
  );
  return result.rowCount === 1;
}

/** Settles a pending notification as failed for good; false if it was already settled. */
export async function markFailed(tx: Queryable, id: string, reason: string): Promise<boolean> {
  const result = await tx.query(
    `UPDATE notifications SET status = 'failed', failed_at = now(), attempts = attempts + 1, last_error = $2
     WHERE id = $1 AND status = 'pending'`,
    [id, reason],
  );
  return result.rowCount === 1;
}
