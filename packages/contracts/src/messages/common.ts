// Field schemas shared by many messages.
import { Type } from 'typebox';
import { Closed } from '../define.js';

export const Id = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Money = Closed({
  amount: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
});
export const Quantity = Type.Integer({ minimum: 1, maximum: 10_000 });
export const LineItem = Closed({ product_id: Id, quantity: Quantity });
export const PricedLineItem = Closed({ product_id: Id, quantity: Quantity, unit_price: Money });
export const Address = Closed({
  line1: Type.String(),
  line2: Type.Optional(Type.String()),
  city: Type.String(),
  postal_code: Type.String(),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
});
