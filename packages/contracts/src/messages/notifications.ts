// Messages of the notifications service.
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Id } from './common.js';

const Notification = {
  notification_id: Id,
  user_id: Id,
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]),
  template: Type.String(),
};

export const NotificationSent = defineMessage({
  service: 'notifications',
  name: 'NotificationSent',
  version: 1,
  kind: 'event',
  description: 'A notification was handed to its channel.',
  data: Closed(Notification),
});

export const NotificationFailed = defineMessage({
  service: 'notifications',
  name: 'NotificationFailed',
  version: 1,
  kind: 'event',
  description: 'A notification could not be delivered after its retries.',
  data: Closed({ ...Notification, reason: Type.String() }),
});
