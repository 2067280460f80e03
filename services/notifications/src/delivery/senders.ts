// What the delivery job hands each channel, and how a channel says a failure is final.
export interface OutgoingEmail {
  /** Derived from the notification id, so a resend after a crash carries the same Message-ID. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutgoingSms {
  /** The notification id: a provider that honours it keeps a resend once. */
  idempotencyKey: string;
  to: string;
  body: string;
}

export interface OutgoingPush {
  idempotencyKey: string;
  userId: string;
  title: string;
  body: string;
}

export interface Senders {
  email(message: OutgoingEmail): Promise<void>;
  sms(message: OutgoingSms): Promise<void>;
  push(message: OutgoingPush): Promise<void>;
  close(): void;
}

/** A failure that trying again cannot fix (the address is refused, the number is invalid). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
