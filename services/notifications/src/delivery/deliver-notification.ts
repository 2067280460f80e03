// The delivery job: sends one notification on its channel, outside any transaction, then records
// the outcome with its event. A failure is retried with backoff (graphile-worker's) until the last
// attempt, which settles it as failed; a failure no retry can fix settles it at once.
import type { JobContext, JobHandler } from '@emporium/jobs';
import { type Pool, withTransaction } from '@emporium/service-kit';
import type { Contact } from '../domain/channels.js';
import { notificationFailed, notificationSent } from '../messages/notification-events.js';
import { findContact } from '../store/contacts-store.js';
import {
  findNotification,
  markFailed,
  markSent,
  type Notification,
  recordFailedAttempt,
} from '../store/notifications-store.js';
import { render, shortOf } from '../templates/index.js';
import { notificationIdOf } from './delivery-job.js';
import { PermanentDeliveryError, type Senders } from './senders.js';

export interface DeliveryDeps {
  pool: Pool;
  senders: Senders;
  /** The attempt that settles a notification as failed (the job queue's own limit may be higher). */
  maxAttempts: number;
  log: { warn(o: object, m: string): void };
}

/** The Message-ID of a notification's email: the same on every attempt, so a mail server keeps a resend once. */
export const messageIdOf = (notificationId: string) => `<${notificationId}@notifications.emporium.local>`;

export function deliverNotification(deps: DeliveryDeps): JobHandler {
  return async (payload: unknown, context: JobContext) => {
    const notification = await findNotification(deps.pool, notificationIdOf(payload));
    if (notification?.status !== 'pending') return; // settled by an earlier run of this job
    try {
      await send(deps, notification);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const lastAttempt = context.isLastAttempt || context.attempt >= deps.maxAttempts;
      if (!lastAttempt && !(error instanceof PermanentDeliveryError)) {
        await recordFailedAttempt(deps.pool, notification.id, reason);
        throw error; // retried later
      }
      deps.log.warn({ notification_id: notification.id, attempt: context.attempt, reason }, 'notification failed');
      await withTransaction(deps.pool, async (tx) => {
        if (await markFailed(tx, notification.id, reason)) await notificationFailed(tx, notification, reason);
      });
      return;
    }
    // If this fails after the send, the job runs again and resends: email carries the same Message-ID,
    // SMS and push the same Idempotency-Key, so the receiving side keeps it once.
    await withTransaction(deps.pool, async (tx) => {
      if (await markSent(tx, notification.id)) await notificationSent(tx, notification);
    });
  };
}

async function send({ pool, senders }: DeliveryDeps, n: Notification): Promise<void> {
  switch (n.channel) {
    case 'email': {
      const contact = await contactOf(pool, n.userId);
      const message = render(n, { name: contact.name });
      return senders.email({
        messageId: messageIdOf(n.id),
        to: contact.email,
        subject: message.subject,
        text: message.text,
        html: message.html.markup,
      });
    }
    case 'sms': {
      const contact = await contactOf(pool, n.userId);
      if (!contact.phone) throw new PermanentDeliveryError('the user has no phone number');
      return senders.sms({ idempotencyKey: n.id, to: contact.phone, body: shortOf(n) });
    }
    case 'push':
      return senders.push({ idempotencyKey: n.id, userId: n.userId, title: n.subject, body: shortOf(n) });
  }
}

/** The contact as replicated now; its event may still be on its way (another stream), so missing is retried. */
async function contactOf(pool: Pool, userId: string): Promise<Contact> {
  const contact = await findContact(pool, userId);
  if (!contact) throw new Error(`no contact details for user ${userId} yet`);
  return contact;
}
