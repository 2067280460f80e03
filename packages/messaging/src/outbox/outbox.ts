// Writing to the outbox: inside the caller's transaction, so the message exists exactly when the
// state change that produced it was committed. The NOTIFY wakes the relay on commit.
import {
  createEnvelope,
  type DataOf,
  type EnvelopeContext,
  type EventOf,
  type MessageDefinition,
} from '@emporium/contracts';
import { type Queryable, traceparentOf } from '@emporium/service-kit';

export const OUTBOX_CHANNEL = 'emporium_outbox';

/** Adds one message to the outbox of the open transaction `tx`; returns its envelope. */
export async function publish<D extends MessageDefinition>(
  tx: Queryable,
  definition: D,
  data: DataOf<D>,
  context: EnvelopeContext,
): Promise<EventOf<D>> {
  const [envelope] = await publishAll(tx, [{ definition, data, context }]);
  return envelope as EventOf<D>;
}

export interface OutgoingMessage<D extends MessageDefinition = MessageDefinition> {
  definition: D;
  data: DataOf<D>;
  context: EnvelopeContext;
}

/** Adds several messages in one statement (in this order); returns their envelopes. */
export async function publishAll(tx: Queryable, messages: OutgoingMessage[]): Promise<EventOf<MessageDefinition>[]> {
  // The active span (a request's, a consumed message's, a job's) is what caused these messages.
  const traceparent = traceparentOf();
  const envelopes = messages.map((m) =>
    createEnvelope(
      m.definition,
      m.data,
      traceparent && !m.context.traceparent ? { ...m.context, traceparent } : m.context,
    ),
  );
  // One round trip: the insert, and the NOTIFY that wakes the relay. A NOTIFY is delivered only if the
  // transaction commits, and notifications with one payload in one transaction collapse into one.
  await tx.query(
    `WITH added AS (
       INSERT INTO outbox (id, subject, aggregate, envelope)
       SELECT id, subject, aggregate, envelope
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, subject, aggregate, envelope, n)
       ORDER BY n
     )
     SELECT pg_notify($5, '')`,
    [
      envelopes.map((e) => e.id),
      envelopes.map((e) => e.type),
      envelopes.map((e) => e.subject ?? e.id),
      envelopes.map((e) => JSON.stringify(e)),
      OUTBOX_CHANNEL,
    ],
  );
  return envelopes;
}
