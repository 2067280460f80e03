// Dead-lettering: the message goes, unchanged, to the dead-letter stream with why and from where,
// and the original delivery is terminated. If the dead-letter publish fails, the delivery is retried.
import { DEAD_LETTER_HEADERS, type Delivery, deadLetterSubject, type MessageBus } from '../bus.js';

export async function deadLetter(bus: MessageBus, durable: string, delivery: Delivery, reason: string): Promise<void> {
  await bus.publish({
    subject: deadLetterSubject(durable),
    id: `${durable}:${delivery.id}`,
    data: delivery.data,
    headers: {
      [DEAD_LETTER_HEADERS.reason]: reason.slice(0, 1000),
      [DEAD_LETTER_HEADERS.subject]: delivery.subject,
      [DEAD_LETTER_HEADERS.consumer]: durable,
      [DEAD_LETTER_HEADERS.deliveries]: String(delivery.deliveryCount),
      [DEAD_LETTER_HEADERS.originalId]: delivery.id,
    },
  });
  await delivery.term();
}
