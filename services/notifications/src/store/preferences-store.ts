// SQL for notification preferences; a user without a row has the defaults.
import type { Queryable } from '@emporium/service-kit';
import { DEFAULT_PREFERENCES, type Preferences } from '../domain/channels.js';

export async function findPreferences(db: Queryable, userId: string): Promise<Preferences> {
  const { rows } = await db.query<Preferences>('SELECT email, sms, push FROM preferences WHERE user_id = $1', [userId]);
  return rows[0] ?? DEFAULT_PREFERENCES;
}

export async function savePreferences(db: Queryable, userId: string, preferences: Preferences): Promise<Preferences> {
  const { rows } = await db.query<Preferences>(
    `INSERT INTO preferences (user_id, email, sms, push) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE
       SET email = EXCLUDED.email, sms = EXCLUDED.sms, push = EXCLUDED.push, updated_at = now()
     RETURNING email, sms, push`,
    [userId, preferences.email, preferences.sms, preferences.push],
  );
  return rows[0] ?? preferences;
}
