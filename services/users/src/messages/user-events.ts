// What the users service tells the rest of the shop, through its outbox, in the transaction of each change.
import { UserProfileUpdated, UserRegistered } from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { UserRow } from '../store/users-store.js';

const SOURCE = '/emporium/users';

/** The users service's events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [UserRegistered, UserProfileUpdated] as const;

export function userRegistered(tx: Queryable, user: UserRow) {
  return publish(
    tx,
    UserRegistered,
    { user_id: user.id, email: user.email, name: user.name, registered_at: user.created_at.toISOString() },
    { source: SOURCE, subject: user.id },
  );
}

export function userProfileUpdated(tx: Queryable, user: UserRow) {
  return publish(
    tx,
    UserProfileUpdated,
    {
      user_id: user.id,
      email: user.email,
      name: user.name,
      phone: user.phone,
      address: user.address,
      updated_at: user.updated_at.toISOString(),
    },
    { source: SOURCE, subject: user.id },
  );
}
