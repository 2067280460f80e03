// The stock API's schemas (the runtime checks, the static types and the OpenAPI document) and the
// mapping from a domain StockLevel to its JSON form.
import { IdempotencyHeaders, problemResponses, type Static, Type, Uuid } from '@emporium/service-kit';
import { availableOf, MAX_ON_HAND, type StockLevel } from '../domain/stock.js';

/** How many products one availability query may name: a cart's worth. */
export const MAX_PRODUCT_IDS = 100;

export const StockJson = Type.Object({
  product_id: Uuid,
  on_hand: Type.Integer({ minimum: 0, description: 'units in the warehouse' }),
  reserved: Type.Integer({ minimum: 0, description: 'units held for orders not yet paid' }),
  available: Type.Integer({ minimum: 0, description: 'on_hand - reserved: what can still be ordered' }),
});
export type StockJson = Static<typeof StockJson>;

export const StockList = Type.Object({ items: Type.Array(StockJson) });
export type StockList = Static<typeof StockList>;

export const ProductParams = Type.Object({ product_id: Uuid });

export const StockListQuery = Type.Object({
  product_ids: Type.String({
    minLength: 1,
    maxLength: MAX_PRODUCT_IDS * 37,
    description: `comma-separated product ids, at most ${MAX_PRODUCT_IDS}`,
    examples: ['0190c0de-0000-7000-8000-000000000001,0190c0de-0000-7000-8000-000000000002'],
  }),
});
export type StockListQuery = Static<typeof StockListQuery>;

export const SetStockBody = Type.Object(
  { on_hand: Type.Integer({ minimum: 0, maximum: MAX_ON_HAND, description: 'the counted units in the warehouse' }) },
  { additionalProperties: false },
);
export type SetStockBody = Static<typeof SetStockBody>;

export const AdjustmentBody = Type.Object(
  {
    delta: Type.Integer({
      minimum: -MAX_ON_HAND,
      maximum: MAX_ON_HAND,
      not: Type.Literal(0),
      description: 'units added to on_hand (negative: removed); not 0',
    }),
    reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'why, for the adjustment log' }),
  },
  { additionalProperties: false },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

const TAGS = ['stock'];

export const getStockRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getStock',
    summary: "A product's stock: on hand, reserved for orders, and available",
    params: ProductParams,
    response: { 200: StockJson, ...problemResponses(400, 404) },
  },
  config: { auth: 'public' as const },
};

export const listStockRoute = {
  schema: {
    tags: TAGS,
    operationId: 'listStock',
    summary: 'The stock of several products at once (a cart)',
    description:
      'One item per distinct id, in the order asked. A product inventory has never stocked is reported ' +
      'with on_hand, reserved and available 0, as a reservation would see it.',
    querystring: StockListQuery,
    response: { 200: StockList, ...problemResponses(400) },
  },
  config: { auth: 'public' as const },
};

export const setStockRoute = {
  schema: {
    tags: TAGS,
    operationId: 'setStock',
    summary: "Set a product's on-hand units from a count (creates its stock if new)",
    params: ProductParams,
    body: SetStockBody,
    response: { 200: StockJson, ...problemResponses(400, 401, 403, 409) },
  },
  config: { auth: 'admin' as const },
};

export const adjustStockRoute = {
  schema: {
    tags: TAGS,
    operationId: 'adjustStock',
    summary: "Add to or remove from a product's on-hand units, with a reason",
    description: 'Refused (409) when on_hand would fall below zero or below the units reserved for orders.',
    params: ProductParams,
    headers: IdempotencyHeaders,
    body: AdjustmentBody,
    response: { 200: StockJson, ...problemResponses(400, 401, 403, 409) },
  },
  config: { auth: 'admin' as const },
};

export function toStockJson(level: StockLevel): StockJson {
  return {
    product_id: level.productId,
    on_hand: level.onHand,
    reserved: level.reserved,
    available: availableOf(level),
  };
}
