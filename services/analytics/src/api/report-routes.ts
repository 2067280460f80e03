// The reports API (admin only): sales per bucket, top products and the order funnel, computed from
// the read models that the domain events maintain.
import type { Pool, ServiceApp } from '@emporium/service-kit';
import { reportRange, SHOP_CURRENCY, salesRange } from '../domain/reports.js';
import { orderFunnel, salesByBucket, topProducts } from '../store/report-queries.js';
import {
  type FunnelQuery,
  type FunnelReport,
  funnelRoute,
  type SalesQuery,
  type SalesReport,
  salesReportRoute,
  type TopProductsQuery,
  type TopProductsReport,
  topProductsRoute,
} from './report-schemas.js';

// The route table: one line per route, naming its handler; schemas and access levels are in report-schemas.ts.
export function registerReportRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/reports/sales', salesReportRoute, (req) => salesReport(pool, req.query));
  app.get('/v1/reports/top-products', topProductsRoute, (req) => topProductsReport(pool, req.query));
  app.get('/v1/reports/funnel', funnelRoute, (req) => funnelReport(pool, req.query));
}

const money = (amount: number) => ({ amount, currency: SHOP_CURRENCY });

async function salesReport(pool: Pool, query: SalesQuery): Promise<SalesReport> {
  const range = salesRange(query, query.granularity, new Date());
  const buckets = await salesByBucket(pool, range, query.granularity, SHOP_CURRENCY);
  return buckets.map((b) => ({
    bucket: b.bucket.toISOString(),
    orders: b.orders,
    revenue: money(b.revenue),
    refunds: money(b.refunds),
  }));
}

async function topProductsReport(pool: Pool, query: TopProductsQuery): Promise<TopProductsReport> {
  const products = await topProducts(pool, reportRange(query, new Date()), query.limit, SHOP_CURRENCY);
  return products.map((p) => ({ ...p, revenue: money(p.revenue) }));
}

function funnelReport(pool: Pool, query: FunnelQuery): Promise<FunnelReport> {
  return orderFunnel(pool, reportRange(query, new Date()));
}
