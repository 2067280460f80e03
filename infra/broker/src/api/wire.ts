// Conversions between the broker's records and their JSON form on the wire.
import type { Consumer, Taken } from '../consumers/consumer.js';
import type { StoredMessage as Stored } from '../streams/streams.js';
import type { Delivered, StoredMessage } from './schemas.js';

const base64 = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');

export function toStoredMessage(message: Stored): StoredMessage {
  return {
    sequence: message.seq,
    subject: message.subject,
    id: message.id,
    data: base64(message.data),
    headers: message.headers,
    time: new Date(message.time).toISOString(),
  };
}

export function toDelivered(taken: Taken): Delivered {
  return {
    ...toStoredMessage({ ...taken.message, seq: taken.seq }),
    token: taken.token,
    deliveries: taken.deliveries,
  };
}

export function toConsumerInfo(consumer: Consumer) {
  const { stream, durable, filterSubjects, ackWaitMs, maxDeliver, cursor } = consumer.record;
  const { inFlight, waiting } = consumer.counts();
  return {
    stream,
    durable,
    filter_subjects: filterSubjects,
    ack_wait_ms: ackWaitMs,
    max_deliver: maxDeliver,
    next_sequence: cursor,
    in_flight: inFlight,
    waiting,
  };
}
