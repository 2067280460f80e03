// The messaging tables (outbox, inbox) live in each service's own database, with their own history.
import { fileURLToPath } from 'node:url';
import { migrate, type Pool } from '@emporium/service-kit';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

export function migrateMessaging(pool: Pool): Promise<number[]> {
  return migrate(pool, MIGRATIONS, 'messaging_schema_migrations');
}
