// The background job that sends one notification: its task name and payload, shared by the code
// that enqueues it (in an event's transaction) and the code that runs it.
export const DELIVER_NOTIFICATION = 'deliver-notification';

export interface DeliveryJobPayload {
  notification_id: string;
}

export function deliveryJobPayload(notificationId: string): DeliveryJobPayload {
  return { notification_id: notificationId };
}

/** The notification id of a job's payload; a payload of another shape is a bug, not a retryable failure. */
export function notificationIdOf(payload: unknown): string {
  const id = (payload as Partial<DeliveryJobPayload> | null)?.notification_id;
  if (typeof id !== 'string') throw new Error(`${DELIVER_NOTIFICATION} needs a notification_id`);
  return id;
}
