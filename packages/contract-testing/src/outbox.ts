// What a provider published, read back from its outbox: the envelopes exactly as its relay would send them.
import type { CloudEvent } from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';

/** Every envelope in the outbox about `aggregate` (the envelope's subject), oldest first. */
export async function outboxOf(db: Queryable, aggregate: string): Promise<CloudEvent[]> {
  const { rows } = await db.query<{ envelope: string }>(
    'SELECT envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
    [aggregate],
  );
  return rows.map((r) => JSON.parse(r.envelope) as CloudEvent);
}

/** Waits until the outbox about `aggregate` holds a message of `type` (work done by background jobs). */
export async function outboxEventually(
  db: Queryable,
  aggregate: string,
  type: string,
  timeoutMs = 30_000,
): Promise<CloudEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await outboxOf(db, aggregate);
    if (found.some((e) => e.type === type)) return found;
    if (Date.now() > deadline) {
      throw new Error(`no ${type} about ${aggregate} within ${timeoutMs} ms (found ${found.map((e) => e.type)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
