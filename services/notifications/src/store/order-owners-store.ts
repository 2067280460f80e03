// SQL for who owns each order, and for refunds kept until their order's owner is known.
import type { Queryable } from '@emporium/service-kit';

/**
 * Serializes, until the transaction ends, everything this service does about one order's owner: a
 * refund looking for the owner and an order event recording it cannot miss each other.
 */
export async function lockOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`order-owner:${orderId}`]);
}

export async function saveOrderOwner(tx: Queryable, orderId: string, customerId: string): Promise<void> {
  await tx.query('INSERT INTO order_owners (order_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    orderId,
    customerId,
  ]);
}

export async function findOrderOwner(db: Queryable, orderId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ customer_id: string }>('SELECT customer_id FROM order_owners WHERE order_id = $1', [
    orderId,
  ]);
  return rows[0]?.customer_id;
}

export async function parkRefund(tx: Queryable, eventId: string, orderId: string, envelope: object): Promise<void> {
  await tx.query(
    'INSERT INTO refunds_awaiting_owner (event_id, order_id, envelope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [eventId, orderId, JSON.stringify(envelope)],
  );
}

/** Removes and returns the refunds that were waiting for `orderId`'s owner, oldest first. */
export async function takeParkedRefunds(tx: Queryable, orderId: string): Promise<unknown[]> {
  const { rows } = await tx.query<{ envelope: unknown }>(
    `WITH taken AS (DELETE FROM refunds_awaiting_owner WHERE order_id = $1 RETURNING envelope, received_at)
     SELECT envelope FROM taken ORDER BY received_at`,
    [orderId],
  );
  return rows.map((r) => r.envelope);
}
