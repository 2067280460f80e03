// The reports' SQL, over the read models: each report is one statement (one snapshot), its ranges
// half-open [from, to), its buckets cut in UTC.
import type { Queryable } from '@emporium/service-kit';
import type { Granularity, ReportRange } from '../domain/reports.js';

export interface SalesBucket {
  bucket: Date;
  orders: number;
  revenue: number;
  refunds: number;
}

/**
 * Orders confirmed, the revenue they brought and the refunds paid, per bucket, every bucket of the range
 * included (zeros when nothing happened). Buckets are generated on UTC timestamps so a day is always 24 hours.
 */
export async function salesByBucket(
  db: Queryable,
  { from, to }: ReportRange,
  granularity: Granularity,
  currency: string,
): Promise<SalesBucket[]> {
  const { rows } = await db.query<SalesBucket>(
    `WITH buckets AS (
       SELECT b FROM generate_series(
         date_trunc($3::text, $1::timestamptz AT TIME ZONE 'UTC'),
         ($2::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
         ('1 ' || $3::text)::interval
       ) AS b
     ), confirmed AS (
       SELECT date_trunc($3, confirmed_at AT TIME ZONE 'UTC') AS b, count(*) AS orders,
              sum(confirmed_amount) FILTER (WHERE confirmed_currency = $4) AS revenue
       FROM order_facts WHERE confirmed_at >= $1 AND confirmed_at < $2 GROUP BY 1
     ), refunded AS (
       SELECT date_trunc($3, refunded_at AT TIME ZONE 'UTC') AS b, sum(amount) AS refunds
       FROM refunds WHERE refunded_at >= $1 AND refunded_at < $2 AND currency = $4 GROUP BY 1
     )
     SELECT b AT TIME ZONE 'UTC' AS bucket, coalesce(c.orders, 0)::int AS orders,
            coalesce(c.revenue, 0)::bigint AS revenue, coalesce(r.refunds, 0)::bigint AS refunds
     FROM buckets LEFT JOIN confirmed c USING (b) LEFT JOIN refunded r USING (b)
     ORDER BY b`,
    [from, to, granularity, currency],
  );
  return rows;
}

export interface ProductSales {
  product_id: string;
  sku: string | null;
  name: string | null;
  units: number;
  revenue: number;
}

/** Products by units sold in orders confirmed in the range (then by revenue), named when the catalog told us. */
export async function topProducts(
  db: Queryable,
  { from, to }: ReportRange,
  limit: number,
  currency: string,
): Promise<ProductSales[]> {
  const { rows } = await db.query<ProductSales>(
    `SELECT l.product_id, p.sku, p.name, sum(l.quantity)::bigint AS units,
            coalesce(sum(l.quantity * l.unit_price_amount) FILTER (WHERE l.unit_price_currency = $3), 0)::bigint
              AS revenue
     FROM order_lines l
     JOIN order_facts o USING (order_id)
     LEFT JOIN product_names p USING (product_id)
     WHERE o.confirmed_at >= $1 AND o.confirmed_at < $2
     GROUP BY l.product_id, p.sku, p.name
     ORDER BY units DESC, revenue DESC, l.product_id
     LIMIT $4`,
    [from, to, currency, limit],
  );
  return rows;
}

export interface Funnel {
  created: number;
  confirmed: number;
  shipped: number;
  cancelled: number;
  rejected: number;
  rejection_reasons: { reason: string; orders: number }[];
}

/** What became of the orders created in the range, with the reasons of those rejected (most frequent first). */
export async function orderFunnel(db: Queryable, { from, to }: ReportRange): Promise<Funnel> {
  const { rows } = await db.query<Funnel>(
    `WITH created AS (SELECT * FROM order_facts WHERE created_at >= $1 AND created_at < $2),
     reasons AS (
       SELECT rejection_reason AS reason, count(*)::int AS orders
       FROM created WHERE rejected_at IS NOT NULL GROUP BY rejection_reason
     )
     SELECT count(*)::int AS created, count(confirmed_at)::int AS confirmed, count(shipped_at)::int AS shipped,
            count(cancelled_at)::int AS cancelled, count(rejected_at)::int AS rejected,
            coalesce(
              (SELECT json_agg(json_build_object('reason', reason, 'orders', orders) ORDER BY orders DESC, reason)
               FROM reasons),
              '[]'
            ) AS rejection_reasons
     FROM created`,
    [from, to],
  );
  const [funnel] = rows;
  if (!funnel) throw new Error('the funnel query returned no row');
  return funnel;
}
