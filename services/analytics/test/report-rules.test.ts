// The report rules, without a database: default ranges, UTC buckets and the limits on a sales report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@emporium/service-kit';
import { bucketCount, bucketStart, MAX_BUCKETS, reportRange, salesRange } from '../src/domain/reports.js';

const at = (iso: string) => new Date(iso);

describe('report rules', () => {
  test('a range defaults to the 30 days before now', () => {
    const now = at('2031-05-10T12:34:56Z');
    assert.deepEqual(reportRange({}, now), { from: at('2031-04-10T12:34:56Z'), to: now });
    assert.deepEqual(reportRange({ from: '2031-05-01T00:00:00Z' }, now), { from: at('2031-05-01T00:00:00Z'), to: now });
  });

  test('a sales report defaults to 48 hours by hour and 30 days by day', () => {
    const now = at('2031-05-10T12:00:00Z');
    assert.deepEqual(salesRange({}, 'hour', now).from, at('2031-05-08T12:00:00Z'));
    assert.deepEqual(salesRange({}, 'day', now).from, at('2031-04-10T12:00:00Z'));
  });

  test('buckets start on the UTC hour or day and cover the last instant before to', () => {
    assert.deepEqual(bucketStart(at('2031-05-10T12:34:56Z'), 'hour'), at('2031-05-10T12:00:00Z'));
    assert.deepEqual(bucketStart(at('2031-05-10T01:30:00+02:00'), 'day'), at('2031-05-09T00:00:00Z'));
    const aligned = { from: at('2031-05-10T00:00:00Z'), to: at('2031-05-11T00:00:00Z') };
    assert.equal(bucketCount(aligned, 'hour'), 24);
    assert.equal(bucketCount(aligned, 'day'), 1);
    const ragged = { from: at('2031-05-10T10:30:00Z'), to: at('2031-05-10T13:00:00.001Z') };
    assert.equal(bucketCount(ragged, 'hour'), 4);
  });

  test('refuses an empty range and one with too many buckets', () => {
    const refusal = (work: () => unknown) =>
      assert.throws(
        work,
        (e: unknown) => e instanceof AppError && e.kind === 'invalid' && e.fieldErrors[0]?.path === 'querystring/from',
      );
    const now = at('2031-05-10T00:00:00Z');
    refusal(() => reportRange({ from: '2031-05-10T00:00:00Z' }, now));
    refusal(() => reportRange({ from: '2031-05-11T00:00:00Z', to: '2031-05-10T00:00:00Z' }, now));
    const hours = MAX_BUCKETS.hour * 3_600_000;
    const monthOfHours = salesRange(
      { from: now.toISOString(), to: new Date(now.getTime() + hours).toISOString() },
      'hour',
      now,
    );
    assert.equal(bucketCount(monthOfHours, 'hour'), MAX_BUCKETS.hour);
    refusal(() =>
      salesRange({ from: now.toISOString(), to: new Date(now.getTime() + hours + 1).toISOString() }, 'hour', now),
    );
  });
});
