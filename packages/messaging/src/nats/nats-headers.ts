// Translates between the bus's plain header records and NATS message headers. NATS adds its own
// `Nats-*` headers (the dedup id, stream metadata on direct gets); the bus carries the id as a
// field of its own, so those never leak into a message's headers.
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/nats-core';

const MSG_ID_HEADER = 'Nats-Msg-Id';

export function toNatsHeaders(record: Record<string, string> | undefined): MsgHdrs | undefined {
  if (!record || Object.keys(record).length === 0) return undefined;
  const hdrs = natsHeaders();
  for (const [key, value] of Object.entries(record)) hdrs.set(key, value);
  return hdrs;
}

export function fromNatsHeaders(hdrs: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!hdrs) return record;
  for (const key of hdrs.keys()) {
    if (!key.toLowerCase().startsWith('nats-')) record[key] = hdrs.get(key);
  }
  return record;
}

/** The bus message id travels as the JetStream dedup header, so the broker and the bus agree on it. */
export function messageIdOf(hdrs: MsgHdrs | undefined): string {
  return hdrs?.get(MSG_ID_HEADER) ?? '';
}
