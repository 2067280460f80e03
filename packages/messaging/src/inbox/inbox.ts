// The inbox: a consumer records a message's id in the same transaction as the message's effect,
// so a redelivery finds it and has no second effect.
import type { Queryable } from '@emporium/service-kit';

/** True if this consumer had not handled `messageId` yet (and now has, once the transaction commits). */
export async function claimMessage(tx: Queryable, consumer: string, messageId: string, type: string): Promise<boolean> {
  const result = await tx.query(
    'INSERT INTO inbox (consumer, message_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [consumer, messageId, type],
  );
  return result.rowCount === 1;
}

/** claimMessage for a batch, in one statement: the ids this consumer had not handled yet. */
export async function claimMessages(
  tx: Queryable,
  consumer: string,
  messages: Array<{ id: string; type: string }>,
): Promise<Set<string>> {
  const unique = [...new Map(messages.map((m) => [m.id, m])).values()];
  const { rows } = await tx.query<{ message_id: string }>(
    `INSERT INTO inbox (consumer, message_id, type)
     SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS t(id, type)
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [consumer, unique.map((m) => m.id), unique.map((m) => m.type)],
  );
  return new Set(rows.map((r) => r.message_id));
}
