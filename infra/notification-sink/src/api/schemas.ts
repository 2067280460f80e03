// Request and response schemas of the sink's HTTP API: the SMS and push provider stand-ins, and
// reading back what was received (for tests, and for a developer looking at "sent" mail).
import { type Static, Type } from '@emporium/service-kit';

const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]);

/** E.164-ish: an optional +, then 7 to 15 digits and nothing else (senders strip spaces and dashes). */
const PhoneNumber = Type.String({ pattern: '^\\+?[0-9]{7,15}$', description: 'E.164, such as +15555550123' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'a resend with the same key is stored once' }),
  ),
});

export const SmsRequest = Type.Object(
  { to: PhoneNumber, body: Type.String({ minLength: 1, maxLength: 1600 }) },
  { additionalProperties: false },
);
export type SmsRequest = Static<typeof SmsRequest>;

export const PushRequest = Type.Object(
  {
    user_id: Type.String({ format: 'uuid' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type PushRequest = Static<typeof PushRequest>;

export const Accepted = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const MessageJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: Channel,
  to: Type.String({ description: 'recipients, comma-separated' }),
  from: Type.Optional(Type.String()),
  subject: Type.Optional(Type.String()),
  text: Type.String(),
  html: Type.Optional(Type.String()),
  message_id: Type.Optional(Type.String()),
  received_at: Type.String({ format: 'date-time' }),
});
export type MessageJson = Static<typeof MessageJson>;

export const ListQuery = Type.Object({
  channel: Type.Optional(Channel),
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});
export type ListQuery = Static<typeof ListQuery>;

export const MessageList = Type.Object({ items: Type.Array(MessageJson) });

export const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
