// Which channels an event goes out on: the user's preferences, and for SMS a phone number to send to.
export const CHANNELS = ['email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Preferences {
  email: boolean;
  sms: boolean;
  push: boolean;
}

/** What a user who never chose gets: email only. */
export const DEFAULT_PREFERENCES: Preferences = { email: true, sms: false, push: false };

export interface Contact {
  userId: string;
  email: string;
  name: string;
  phone: string | null;
}

/**
 * The channels to notify on. A contact not replicated yet (its event may still be on its way) does
 * not stop SMS: the delivery job waits for it, and fails the SMS if it then has no phone.
 */
export function channelsFor(preferences: Preferences, contact: Contact | undefined): Channel[] {
  return CHANNELS.filter((channel) => {
    if (!preferences[channel]) return false;
    return channel !== 'sms' || contact === undefined || contact.phone !== null;
  });
}
