// Writing to the outbox: inside the caller's transaction, so the message exists exactly when the
// state change that produced it was committed. The relay is woken on commit: by this process's own relay
// for that database when it has one (after the commit, see OutboxSignals), else by a NOTIFY in the
// transaction. A NOTIFY in a transaction takes a lock that PostgreSQL holds for the whole server until the
// commit is flushed, so every notifying commit waits for the one before: the in-process path avoids it.
import {
  createEnvelope,
  type DataOf,
  type EnvelopeContext,
  type EventOf,
  type MessageDefinition,
} from '@emporium/contracts';
import { afterCommit, isKitTransaction, type Queryable, traceparentOf } from '@emporium/service-kit';

export const OUTBOX_CHANNEL = 'emporium_outbox';

/** What a relay of this process does when a transaction of this process adds to its outbox. */
export interface LocalRelay {
  committed(): void;
}

/** The relays of a process, by the database (host:port/name) whose outbox each publishes. */
export class OutboxSignals {
  private readonly relays = new Map<string, Set<LocalRelay>>();

  register(database: string, relay: LocalRelay): () => void {
    const set = this.relays.get(database) ?? new Set<LocalRelay>();
    this.relays.set(database, set);
    set.add(relay);
    return () => {
      set.delete(relay);
      if (set.size === 0) this.relays.delete(database);
    };
  }

  relaysOf(database: string | undefined): ReadonlySet<LocalRelay> | undefined {
    return database === undefined ? undefined : this.relays.get(database);
  }
}

/** This process's relays: publishAll wakes them after the commit. */
export const localOutboxSignals = new OutboxSignals();

/** host:port/database of a node-postgres client (a pool's client is one), or of a connection string. */
export function databaseKeyOf(client: unknown): string | undefined {
  const { host, port, database } = client as { host?: string; port?: number; database?: string };
  return database ? `${host}:${port}/${database}` : undefined;
}

const INSERT = `INSERT INTO outbox (id, subject, aggregate, envelope)
       SELECT id, subject, aggregate, envelope
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, subject, aggregate, envelope, n)
       ORDER BY n`;

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
  const params = [
    envelopes.map((e) => e.id),
    envelopes.map((e) => e.type),
    envelopes.map((e) => e.subject ?? e.id),
    envelopes.map((e) => JSON.stringify(e)),
  ];
  const relays = isKitTransaction(tx) ? localOutboxSignals.relaysOf(databaseKeyOf(tx)) : undefined;
  if (relays && relays.size > 0) {
    await tx.query(INSERT, params);
    afterCommit(tx, () => {
      for (const relay of relays) relay.committed();
    });
  } else {
    // One round trip: the insert, and the NOTIFY that wakes the relay. A NOTIFY is delivered only if the
    // transaction commits, and notifications with one payload in one transaction collapse into one.
    await tx.query(`WITH added AS (${INSERT}) SELECT pg_notify($5, '')`, [...params, OUTBOX_CHANNEL]);
  }
  return envelopes;
}
