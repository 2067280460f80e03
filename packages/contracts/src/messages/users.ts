// Messages of the users service.
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Address, Id, Timestamp } from './common.js';

export const UserRegistered = defineMessage({
  service: 'users',
  name: 'UserRegistered',
  version: 1,
  kind: 'event',
  description: 'A customer account was created.',
  data: Closed({ user_id: Id, email: Type.String(), name: Type.String(), registered_at: Timestamp }),
});

export const UserProfileUpdated = defineMessage({
  service: 'users',
  name: 'UserProfileUpdated',
  version: 1,
  kind: 'event',
  description: "A user's contact details changed (the full current profile, so replicas can overwrite).",
  data: Closed({
    user_id: Id,
    email: Type.String(),
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Address, Type.Null()]),
    updated_at: Timestamp,
  }),
});
