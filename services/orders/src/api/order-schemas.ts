// The orders API's schemas: the runtime checks, the static types and the OpenAPI document.
import {
  Address,
  IdempotencyHeaders,
  IdParams,
  Money,
  Page,
  PageQuery,
  problemResponses,
  type Static,
  Type,
  Uuid,
} from '@emporium/service-kit';

const TAGS = ['orders'];
const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });
export const OrderStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('confirmed'),
  Type.Literal('rejected'),
  Type.Literal('cancelled'),
  Type.Literal('shipped'),
]);

export const PlaceOrderBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { product_id: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    payment_method: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a test payment method such as pm_card_visa (see the payments API)',
    }),
    shipping_address: Address,
  },
  { additionalProperties: false },
);
export type PlaceOrderBody = Static<typeof PlaceOrderBody>;

export const OrderJson = Type.Object({
  id: Uuid,
  customer_id: Uuid,
  status: OrderStatus,
  reason: Type.Optional(Type.String({ description: 'why it was rejected or cancelled' })),
  items: Type.Array(
    Type.Object({
      product_id: Uuid,
      sku: Type.String(),
      name: Type.String(),
      quantity: Type.Integer(),
      unit_price: Money,
    }),
  ),
  total: Money,
  payment_method: Type.String(),
  shipping_address: Address,
  status_history: Type.Array(Type.Object({ status: OrderStatus, at: Timestamp, reason: Type.Optional(Type.String()) })),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const ListOrdersQuery = Type.Object({
  status: Type.Optional(OrderStatus),
  customer_id: Type.Optional({ ...Uuid, description: 'admins only: one customer’s orders' }),
  ...PageQuery.properties,
});
export type ListOrdersQuery = Static<typeof ListOrdersQuery>;

export const SagaJson = Type.Object({
  order_id: Uuid,
  status: Type.String({ description: 'running, completed, compensating or compensated' }),
  current_step: Type.Union([Type.String(), Type.Null()]),
  completed_steps: Type.Array(Type.String()),
  awaiting_compensation: Type.Array(Type.String()),
  deadline_at: Type.Union([Timestamp, Type.Null()]),
  outcome_reason: Type.Union([Type.String(), Type.Null()]),
  timeline: Type.Array(
    Type.Object({
      step: Type.String(),
      event: Type.String(),
      detail: Type.Union([Type.String(), Type.Null()]),
      message_id: Type.Union([Type.String(), Type.Null()]),
      at: Timestamp,
    }),
  ),
});

export const placeOrderRoute = {
  schema: {
    tags: TAGS,
    summary: 'Place an order; prices come from the catalog. The saga then confirms or rejects it.',
    headers: IdempotencyHeaders,
    body: PlaceOrderBody,
    response: { 202: OrderJson, ...problemResponses(400, 401, 409, 429, 503) },
  },
} as const;

export const listOrdersRoute = {
  schema: {
    tags: TAGS,
    summary: "The caller's orders, newest first (admins: all orders)",
    querystring: ListOrdersQuery,
    response: { 200: Page(OrderJson), ...problemResponses(400, 401, 403) },
  },
} as const;

export const getOrderRoute = {
  schema: {
    tags: TAGS,
    summary: 'One order with its status history',
    params: IdParams,
    response: { 200: OrderJson, ...problemResponses(400, 401, 404) },
  },
} as const;

export const cancelOrderRoute = {
  schema: {
    tags: TAGS,
    summary: 'Cancel an order before it ships; a confirmed order is refunded and restocked',
    params: IdParams,
    response: { 202: OrderJson, ...problemResponses(400, 401, 404, 409) },
  },
} as const;

export const shipOrderRoute = {
  config: { auth: 'admin' },
  schema: {
    tags: TAGS,
    summary: 'Mark a confirmed order shipped',
    params: IdParams,
    response: { 200: OrderJson, ...problemResponses(400, 401, 403, 404, 409) },
  },
} as const;

export const orderEventsRoute = {
  schema: {
    tags: TAGS,
    summary: "The order's status changes as Server-Sent Events (current state first; ends at a final status)",
    params: IdParams,
    response: {
      200: {
        description: 'one `status` event per status change; `data` is the order',
        content: { 'text/event-stream': { schema: Type.String() } },
      },
      ...problemResponses(400, 401, 404),
    },
  },
} as const;

export const orderSagaRoute = {
  config: { auth: 'admin' },
  schema: {
    tags: TAGS,
    summary: "The order saga's state and step timeline",
    params: IdParams,
    response: { 200: SagaJson, ...problemResponses(400, 401, 403, 404) },
  },
} as const;
