// The notification API's schemas (runtime checks, static types, OpenAPI) and the mapping of a stored
// notification to its JSON form.
import { Page, PageQuery, problemResponses, type Static, Type } from '@emporium/service-kit';
import type { Preferences } from '../domain/channels.js';
import type { Notification } from '../store/notifications-store.js';

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

export const PreferencesJson = Type.Object(
  {
    email: Type.Boolean({ description: 'notify by email (default on)' }),
    sms: Type.Boolean({ description: 'notify by SMS, when the profile has a phone number (default off)' }),
    push: Type.Boolean({ description: 'notify by push (default off)' }),
  },
  { additionalProperties: false },
);
export type PreferencesJson = Static<typeof PreferencesJson>;

export const NotificationJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]),
  template: Type.String({ examples: ['order_confirmed'] }),
  subject: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  created_at: Timestamp,
  sent_at: Type.Union([Timestamp, Type.Null()]),
});
export type NotificationJson = Static<typeof NotificationJson>;

export const NotificationPage = Page(NotificationJson);
export type NotificationPage = Static<typeof NotificationPage>;

/** Where a page of notifications continues: after this id (ids are time-ordered). */
export const NotificationCursor = Type.Object({ before: Type.String({ format: 'uuid' }) });

const tags = ['notifications'];

export const getPreferencesRoute = {
  schema: {
    tags,
    operationId: 'getPreferences',
    summary: "The caller's notification preferences",
    response: { 200: PreferencesJson, ...problemResponses(401) },
  },
};

export const putPreferencesRoute = {
  schema: {
    tags,
    operationId: 'putPreferences',
    summary: "Replace the caller's notification preferences (all three channels)",
    body: PreferencesJson,
    response: { 200: PreferencesJson, ...problemResponses(400, 401) },
  },
};

export const listNotificationsRoute = {
  schema: {
    tags,
    operationId: 'listNotifications',
    summary: "The caller's notifications, newest first",
    querystring: PageQuery,
    response: { 200: NotificationPage, ...problemResponses(400, 401) },
  },
};

export function toPreferencesJson(p: Preferences): PreferencesJson {
  return { email: p.email, sms: p.sms, push: p.push };
}

export function toNotificationJson(n: Notification): NotificationJson {
  return {
    id: n.id,
    channel: n.channel,
    template: n.template,
    subject: n.subject,
    status: n.status,
    created_at: n.createdAt.toISOString(),
    sent_at: n.sentAt?.toISOString() ?? null,
  };
}
