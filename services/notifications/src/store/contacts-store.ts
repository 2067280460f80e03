// SQL for the contact replica: the newest details of each user, as the users service's events told them.
import type { Queryable } from '@emporium/service-kit';
import type { Contact } from '../domain/channels.js';

interface ContactRow {
  user_id: string;
  email: string;
  name: string;
  phone: string | null;
}

/**
 * Writes `contact` as of `asOf` (the event's time) unless the replica already holds details from a
 * later event: events from one user can arrive out of order, and the newest must win.
 */
export async function saveContact(tx: Queryable, contact: Contact, asOf: string): Promise<void> {
  await tx.query(
    `INSERT INTO contacts (user_id, email, name, phone, as_of) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE
       SET email = EXCLUDED.email, name = EXCLUDED.name, phone = EXCLUDED.phone, as_of = EXCLUDED.as_of
       WHERE contacts.as_of < EXCLUDED.as_of`,
    [contact.userId, contact.email, contact.name, contact.phone, asOf],
  );
}

export async function findContact(db: Queryable, userId: string): Promise<Contact | undefined> {
  const { rows } = await db.query<ContactRow>('SELECT user_id, email, name, phone FROM contacts WHERE user_id = $1', [
    userId,
  ]);
  const row = rows[0];
  return row && { userId: row.user_id, email: row.email, name: row.name, phone: row.phone };
}
