// Request and response schemas of the broker's HTTP API. Bodies of messages travel as base64.
import { type Static, Type } from '@emporium/service-kit';
import { TOKEN_PATTERN } from '../consumers/delivery-token.js';

const Name = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const Subject = Type.String({ minLength: 1, maxLength: 256 });
const Millis = (max: number) => Type.Integer({ minimum: 0, maximum: max });
const DAY_MS = 86_400_000;
const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' });
const Headers = Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: 4096 }));

export const StreamParams = Type.Object({ stream: Name });
export const ConsumerParams = Type.Object({ stream: Name, durable: Name });

export const StreamSettings = Type.Object(
  {
    subjects: Type.Array(Subject, { minItems: 1, maxItems: 100 }),
    max_age_ms: Type.Optional(Millis(Number.MAX_SAFE_INTEGER)),
    duplicate_window_ms: Type.Optional(Millis(DAY_MS)),
  },
  { additionalProperties: false },
);

export const StreamInfo = Type.Object({
  name: Type.String(),
  subjects: Type.Array(Type.String()),
  max_age_ms: Type.Integer(),
  duplicate_window_ms: Type.Integer(),
  first_sequence: Type.Integer(),
  last_sequence: Type.Integer(),
  messages: Type.Integer(),
});

export const PublishRequest = Type.Object(
  {
    subject: Subject,
    id: Type.String({ minLength: 1, maxLength: 256 }),
    data: Base64,
    headers: Type.Optional(Headers),
  },
  { additionalProperties: false },
);

export const PublishAck = Type.Object({ stream: Type.String(), sequence: Type.Integer(), duplicate: Type.Boolean() });

export const StoredMessage = Type.Object({
  sequence: Type.Integer(),
  subject: Type.String(),
  id: Type.String(),
  data: Type.String({ description: 'base64' }),
  headers: Headers,
  time: Type.String({ format: 'date-time' }),
});

export const ReadQuery = Type.Object({
  from: Type.Integer({ minimum: 1, default: 1 }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});

export const MessageList = Type.Object({ messages: Type.Array(StoredMessage) });

export const ConsumerSettings = Type.Object(
  {
    filter_subjects: Type.Optional(Type.Array(Subject, { maxItems: 100 })),
    ack_wait_ms: Type.Optional(Type.Integer({ minimum: 1, maximum: DAY_MS })),
    max_deliver: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const ConsumerInfo = Type.Object({
  stream: Type.String(),
  durable: Type.String(),
  filter_subjects: Type.Array(Type.String()),
  ack_wait_ms: Type.Integer(),
  max_deliver: Type.Integer(),
  next_sequence: Type.Integer({ description: 'the next stream sequence not yet looked at' }),
  in_flight: Type.Integer({ description: 'delivered, waiting for ack within the ack wait' }),
  waiting: Type.Integer({ description: 'to be delivered again (nakked or ack wait expired)' }),
});

export const FetchRequest = Type.Object(
  {
    batch: Type.Integer({ minimum: 1, maximum: 1000 }),
    expires_ms: Type.Optional(Millis(60_000)),
  },
  { additionalProperties: false },
);

export const Delivered = Type.Object({
  ...StoredMessage.properties,
  token: Type.String({ description: 'names this delivery in ack, nak and term' }),
  deliveries: Type.Integer({ description: '1 on the first delivery' }),
});

export const FetchResult = Type.Object({ messages: Type.Array(Delivered) });

const Tokens = Type.Array(Type.String({ pattern: TOKEN_PATTERN }), { minItems: 1, maxItems: 1000 });
export const SettleRequest = Type.Object({ tokens: Tokens }, { additionalProperties: false });
export const NakRequest = Type.Object(
  { tokens: Tokens, delay_ms: Type.Optional(Millis(DAY_MS)) },
  {
    additionalProperties: false,
  },
);
export const SettleResult = Type.Object({
  settled: Type.Integer({ description: 'tokens that named a pending delivery' }),
});

export type Delivered = Static<typeof Delivered>;
export type StoredMessage = Static<typeof StoredMessage>;
