// Waiting for background work (delivery jobs) and reading what it did: the notifications table,
// the outbox, and what the sink received.
import type { MessageJson } from '@emporium/notification-sink';
import type { Pool } from '@emporium/service-kit';

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface NotificationRow {
  id: string;
  channel: string;
  template: string;
  status: string;
  attempts: number;
  last_error: string | null;
  event_id: string;
}

export async function notificationsOf(pool: Pool, userId: string): Promise<NotificationRow[]> {
  const { rows } = await pool.query<NotificationRow>(
    `SELECT id, channel, template, status, attempts, last_error, event_id FROM notifications
     WHERE user_id = $1 ORDER BY id`,
    [userId],
  );
  return rows;
}

/** The user's notifications once none is pending. */
export function settledNotificationsOf(pool: Pool, userId: string, timeoutMs?: number): Promise<NotificationRow[]> {
  return eventually(
    async () => {
      const rows = await notificationsOf(pool, userId);
      return rows.length > 0 && rows.every((r) => r.status !== 'pending') ? rows : undefined;
    },
    `the notifications of ${userId} to settle`,
    timeoutMs,
  );
}

export async function outboxOf(pool: Pool, type: string): Promise<Array<{ data: Record<string, unknown> }>> {
  const { rows } = await pool.query<{ envelope: string }>(
    'SELECT envelope FROM outbox WHERE subject = $1 ORDER BY sequence',
    [type],
  );
  return rows.map((r) => JSON.parse(r.envelope));
}

export async function sinkMessages(sinkUrl: string, query: string): Promise<MessageJson[]> {
  const res = await fetch(`${sinkUrl}/v1/messages?${query}`);
  if (!res.ok) throw new Error(`the sink answered ${res.status}`);
  return ((await res.json()) as { items: MessageJson[] }).items;
}

/** The sink's messages matching `query` once there are `count` of them. */
export function receivedBySink(sinkUrl: string, query: string, count = 1, timeoutMs?: number): Promise<MessageJson[]> {
  return eventually(
    async () => {
      const found = await sinkMessages(sinkUrl, query);
      return found.length >= count ? found : undefined;
    },
    `${count} sink message(s) matching ${query}`,
    timeoutMs,
  );
}
