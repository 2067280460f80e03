// Turning an event into notifications: one row per channel the user wants, unique per (event,
// channel), and a delivery job for each, all in the event's transaction. Sending happens later, in
// the job, outside any transaction.
import { enqueueJob } from '@emporium/jobs';
import type { Queryable } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { DELIVER_NOTIFICATION, deliveryJobPayload } from '../delivery/delivery-job.js';
import { type Channel, channelsFor } from '../domain/channels.js';
import { findContact } from '../store/contacts-store.js';
import { insertNotification } from '../store/notifications-store.js';
import { findPreferences } from '../store/preferences-store.js';
import { subjectOf, type TemplateCall } from '../templates/index.js';

/** The parts of an event's envelope a notification keeps. */
export interface SourceEvent {
  id: string;
  correlationid?: string | undefined;
  traceparent?: string | undefined;
}

/** Creates the notifications of `event` for `userId`; returns the channels newly notified. */
export async function notify(
  tx: Queryable,
  userId: string,
  event: SourceEvent,
  call: TemplateCall,
): Promise<Channel[]> {
  const channels = channelsFor(await findPreferences(tx, userId), await findContact(tx, userId));
  const cause = {
    id: event.id,
    ...(event.correlationid ? { correlationid: event.correlationid } : {}),
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
  };
  const created: Channel[] = [];
  for (const channel of channels) {
    const id = uuidv7();
    const fresh = await insertNotification(tx, {
      ...call,
      id,
      userId,
      eventId: event.id,
      channel,
      subject: subjectOf(call),
      cause,
    });
    if (!fresh) continue; // this event already notified on this channel
    await enqueueJob(tx, DELIVER_NOTIFICATION, deliveryJobPayload(id), { jobKey: id });
    created.push(channel);
  }
  return created;
}
