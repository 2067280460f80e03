// Request and response schemas of the simulator's API: flat amounts in minor units, as payment
// providers take them, and their own error shape.
import { type Static, Type } from '@emporium/service-kit';

const Amount = (description: string) => Type.Integer({ minimum: 1, maximum: 99_999_999, description });
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code' });
const Timestamp = Type.String({ format: 'date-time' });

export const IdempotencyKeyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'Required: a retry with the same key and body gets the first response back',
  }),
});

export const ChargeRequest = Type.Object(
  {
    amount: Amount('minor units (cents)'),
    currency: Currency,
    payment_method: Type.String({ minLength: 1, maxLength: 100, examples: ['pm_card_visa'] }),
    reference: Type.String({ minLength: 1, maxLength: 200, description: "the merchant's reference, e.g. an order id" }),
  },
  { additionalProperties: false },
);
export type ChargeRequest = Static<typeof ChargeRequest>;

export const RefundRequest = Type.Object(
  {
    charge: Type.String({ minLength: 1, maxLength: 100 }),
    amount: Type.Optional(Amount('minor units; what is left to refund on the charge when omitted')),
  },
  { additionalProperties: false },
);
export type RefundRequest = Static<typeof RefundRequest>;

export const Refund = Type.Object({
  id: Type.String(),
  charge: Type.String(),
  amount: Type.Integer(),
  status: Type.Literal('succeeded'),
  created: Timestamp,
});
export type Refund = Static<typeof Refund>;

export const Charge = Type.Object({
  id: Type.String(),
  status: Type.Literal('succeeded'),
  amount: Type.Integer(),
  currency: Type.String(),
  payment_method: Type.String(),
  reference: Type.String(),
  amount_refunded: Type.Integer(),
  refunded: Type.Boolean({ description: 'true once refunded in full' }),
  created: Timestamp,
});
export type Charge = Static<typeof Charge>;

export const ChargeWithRefunds = Type.Object({ ...Charge.properties, refunds: Type.Array(Refund) });
export type ChargeWithRefunds = Static<typeof ChargeWithRefunds>;

export const ChargeList = Type.Object({ data: Type.Array(Charge) });

export const ChargeQuery = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 200 }) });
export const ChargeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const Millis = (description: string) => Type.Integer({ minimum: 0, maximum: 600_000, description });
const ErrorRate = Type.Number({
  minimum: 0,
  maximum: 1,
  description: 'share of charge and refund requests answered 503',
});

export const Settings = Type.Object({
  latency_ms: Millis('added to every charge and refund request'),
  error_rate: ErrorRate,
  slow_ms: Millis('how long pm_card_slow takes'),
});

export const SettingsChange = Type.Object(
  {
    latency_ms: Type.Optional(Millis('added to every charge and refund request')),
    error_rate: Type.Optional(ErrorRate),
    slow_ms: Type.Optional(Millis('how long pm_card_slow takes')),
  },
  { additionalProperties: false },
);
export type SettingsChange = Static<typeof SettingsChange>;
