// The reports API's schemas: the runtime checks, the static types and the OpenAPI document.
import { Money, problemResponses, type Static, Type, Uuid } from '@emporium/service-kit';

const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339', examples: ['2025-01-31T00:00:00Z'] });

const RangeQuery = {
  from: Type.Optional({ ...Timestamp, description: 'start of the range (included); default: a span before `to`' }),
  to: Type.Optional({ ...Timestamp, description: 'end of the range (excluded); default: now' }),
};

export const SalesQuery = Type.Object({
  ...RangeQuery,
  granularity: Type.Enum(['hour', 'day'], { default: 'day', description: 'bucket size, in UTC' }),
});
export type SalesQuery = Static<typeof SalesQuery>;

export const SalesBucketJson = Type.Object({
  bucket: Type.String({ format: 'date-time', description: 'start of the bucket, UTC' }),
  orders: Type.Integer({ description: 'orders confirmed in the bucket' }),
  revenue: { ...Money, description: 'the total of those orders' },
  refunds: { ...Money, description: 'money refunded in the bucket' },
});
export const SalesReport = Type.Array(SalesBucketJson);
export type SalesReport = Static<typeof SalesReport>;

export const TopProductsQuery = Type.Object({
  ...RangeQuery,
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});
export type TopProductsQuery = Static<typeof TopProductsQuery>;

export const ProductSalesJson = Type.Object({
  product_id: Uuid,
  sku: Type.Union([Type.String(), Type.Null()], { description: 'null until the catalog has announced the product' }),
  name: Type.Union([Type.String(), Type.Null()]),
  units: Type.Integer({ description: 'units sold in orders confirmed in the range' }),
  revenue: Money,
});
export const TopProductsReport = Type.Array(ProductSalesJson);
export type TopProductsReport = Static<typeof TopProductsReport>;

export const FunnelQuery = Type.Object(RangeQuery);
export type FunnelQuery = Static<typeof FunnelQuery>;

export const FunnelReport = Type.Object({
  created: Type.Integer({ description: 'orders created in the range' }),
  confirmed: Type.Integer({ description: 'of those, confirmed (even if cancelled later)' }),
  shipped: Type.Integer(),
  cancelled: Type.Integer(),
  rejected: Type.Integer(),
  rejection_reasons: Type.Array(Type.Object({ reason: Type.String(), orders: Type.Integer() }), {
    description: 'most frequent first',
  }),
});
export type FunnelReport = Static<typeof FunnelReport>;

const TAGS = ['reports'];
const ADMIN = { auth: 'admin' as const };
const REFUSALS = problemResponses(400, 401, 403);

export const salesReportRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getSalesReport',
    summary: 'Orders confirmed, revenue and refunds per hour or day',
    description:
      'Every bucket of [from, to) is listed, empty ones as zeros. Defaults: to = now, from = 30 days ' +
      '(granularity day) or 48 hours (hour) earlier. At most 366 daily or 744 hourly buckets.',
    querystring: SalesQuery,
    response: { 200: SalesReport, ...REFUSALS },
  },
  config: ADMIN,
};

export const topProductsRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getTopProducts',
    summary: 'Best-selling products by units in orders confirmed in [from, to)',
    description: 'Defaults: to = now, from = 30 days earlier. Ties are ordered by revenue.',
    querystring: TopProductsQuery,
    response: { 200: TopProductsReport, ...REFUSALS },
  },
  config: ADMIN,
};

export const funnelRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getOrderFunnel',
    summary: 'What became of the orders created in [from, to), with rejection reasons',
    description: 'Defaults: to = now, from = 30 days earlier.',
    querystring: FunnelQuery,
    response: { 200: FunnelReport, ...REFUSALS },
  },
  config: ADMIN,
};
