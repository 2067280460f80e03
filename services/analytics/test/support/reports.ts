// Reading the reports as an admin, failing the test on anything but a 200.
import assert from 'node:assert/strict';
import type { FunnelReport, SalesReport, TopProductsReport } from '../../src/api/report-schemas.js';
import type { TestAnalytics } from './analytics.js';

async function report<T>(analytics: TestAnalytics, url: string, query: Record<string, string>): Promise<T> {
  const res = await analytics.app.inject({ url, query, headers: analytics.admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<T>();
}

export const salesReport = (analytics: TestAnalytics, query: Record<string, string>) =>
  report<SalesReport>(analytics, '/v1/reports/sales', query);

export const topProductsReport = (analytics: TestAnalytics, query: Record<string, string>) =>
  report<TopProductsReport>(analytics, '/v1/reports/top-products', query);

export const funnelReport = (analytics: TestAnalytics, query: Record<string, string>) =>
  report<FunnelReport>(analytics, '/v1/reports/funnel', query);

/** A sales bucket as the API returns it, from plain numbers. */
export const salesBucket = (bucket: string, orders: number, revenue: number, refunds: number) => ({
  bucket,
  orders,
  revenue: { amount: revenue, currency: 'USD' },
  refunds: { amount: refunds, currency: 'USD' },
});
