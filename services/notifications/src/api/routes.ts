// The notification API: the caller's preferences and notifications. The route table:
//   GET /v1/preferences    getPreferences
//   PUT /v1/preferences    putPreferences
//   GET /v1/notifications  listNotifications (?limit=&cursor=)
import { decodeCursor, type PageQuery, type Pool, principalOf, type ServiceApp, toPage } from '@emporium/service-kit';
import { listNotifications } from '../store/notifications-store.js';
import { findPreferences, savePreferences } from '../store/preferences-store.js';
import {
  getPreferencesRoute,
  listNotificationsRoute,
  NotificationCursor,
  type NotificationPage,
  type PreferencesJson,
  putPreferencesRoute,
  toNotificationJson,
  toPreferencesJson,
} from './schemas.js';

export function registerRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/preferences', getPreferencesRoute, (req) => getPreferences(pool, principalOf(req).userId));
  app.put('/v1/preferences', putPreferencesRoute, (req) => putPreferences(pool, principalOf(req).userId, req.body));
  app.get('/v1/notifications', listNotificationsRoute, (req) => listOwn(pool, principalOf(req).userId, req.query));
}

async function getPreferences(pool: Pool, userId: string): Promise<PreferencesJson> {
  return toPreferencesJson(await findPreferences(pool, userId));
}

async function putPreferences(pool: Pool, userId: string, body: PreferencesJson): Promise<PreferencesJson> {
  return toPreferencesJson(await savePreferences(pool, userId, body));
}

async function listOwn(pool: Pool, userId: string, { limit, cursor }: PageQuery): Promise<NotificationPage> {
  const before = cursor ? decodeCursor(cursor, NotificationCursor).before : undefined;
  const rows = await listNotifications(pool, userId, before, limit + 1);
  const page = toPage(rows, limit, (last) => ({ before: last.id }));
  return { items: page.items.map(toNotificationJson), next_cursor: page.next_cursor };
}
