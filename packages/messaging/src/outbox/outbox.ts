// Writing to the outbox: inside the caller's transaction, so the message exists exactly when the
// state change that produced it was committed. The NOTIFY wakes the relay on commit.
import {
  createEnvelope,
  type DataOf,
  type EnvelopeContext,
  type EventOf,
  type MessageDefinition,
} from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';

export const OUTBOX_CHANNEL = 'emporium_outbox';

/** Adds one message to the outbox of the open transaction `tx`; returns its envelope. */
export async function publish<D extends MessageDefinition>(
  tx: Queryable,
  definition: D,
  data: DataOf<D>,
  context: EnvelopeContext,
): Promise<EventOf<D>> {
  const envelope = createEnvelope(definition, data, context);
  await tx.query(`INSERT INTO outbox (id, subject, aggregate, envelope) VALUES ($1, $2, $3, $4)`, [
    envelope.id,
    definition.type,
    envelope.subject ?? envelope.id,
    JSON.stringify(envelope),
  ]);
  // Delivered only if the transaction commits; notifications with one payload in one transaction collapse.
  await tx.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
  return envelope;
}
