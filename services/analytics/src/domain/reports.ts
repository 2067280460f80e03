// The rules every report follows: which time range it covers when none is given, how it is cut into
// hour or day buckets (UTC), and which ranges are refused.
import { invalid } from '@emporium/service-kit';

export type Granularity = 'hour' | 'day';

/** Emporium trades in one currency; revenue and refunds are summed in it. */
export const SHOP_CURRENCY = 'USD';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const BUCKET_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS };

/** Without `from`, a sales report goes back this far from `to`: two days of hours, or a month of days. */
export const DEFAULT_SPAN_MS: Record<Granularity, number> = { hour: 48 * HOUR_MS, day: 30 * DAY_MS };

/** The most buckets one sales report has: a month of hours, or a year (leap or not) of days. */
export const MAX_BUCKETS: Record<Granularity, number> = { hour: 31 * 24, day: 366 };

/** Top products and the funnel look back a month by default. */
export const DEFAULT_REPORT_SPAN_MS = 30 * DAY_MS;

/** A half-open time range [from, to): an event at `to` belongs to the next range. */
export interface ReportRange {
  from: Date;
  to: Date;
}

export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/** The range a report covers: `to` defaults to now, `from` to `to` minus `defaultSpanMs`; from must precede to. */
export function reportRange(query: RangeQuery, now: Date, defaultSpanMs = DEFAULT_REPORT_SPAN_MS): ReportRange {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultSpanMs);
  if (from >= to) {
    throw invalid('The report range is empty', [
      {
        path: 'querystring/from',
        message: query.to ? 'must be before to' : 'must be before to (now, when to is not given)',
      },
    ]);
  }
  return { from, to };
}

/** The start of the UTC hour or day holding `at` (UTC days have no DST, and epoch time has no leap seconds). */
export function bucketStart(at: Date, granularity: Granularity): Date {
  const size = BUCKET_MS[granularity];
  return new Date(Math.floor(at.getTime() / size) * size);
}

/** How many buckets cover the range: from the bucket holding `from` to the one holding the last instant before `to`. */
export function bucketCount({ from, to }: ReportRange, granularity: Granularity): number {
  return Math.ceil((to.getTime() - bucketStart(from, granularity).getTime()) / BUCKET_MS[granularity]);
}

/** A sales report's range, refused when it would have more than MAX_BUCKETS buckets. */
export function salesRange(query: RangeQuery, granularity: Granularity, now: Date): ReportRange {
  const range = reportRange(query, now, DEFAULT_SPAN_MS[granularity]);
  const limit = MAX_BUCKETS[granularity];
  if (bucketCount(range, granularity) > limit) {
    throw invalid(`A sales report by ${granularity} has at most ${limit} buckets`, [
      { path: 'querystring/from', message: `is more than ${limit} ${granularity}s before to` },
    ]);
  }
  return range;
}
