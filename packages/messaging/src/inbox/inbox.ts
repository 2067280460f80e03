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
