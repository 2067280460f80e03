// Metrics: the scraper reads a real service's /metrics (and marks a silent target down), and RED,
// series and SLOs come out of the stored samples as the API promises.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumedMessages, messageLag } from '@emporium/messaging';
import { createService, type ServiceApp } from '@emporium/service-kit';
import { freePort } from '@emporium/testing';
import { redSeries } from '../src/query/service-red.js';
import { parseExposition } from '../src/scrape/exposition.js';
import { startScraper } from '../src/scrape/scraper.js';
import type { SampleRecord } from '../src/store/records.js';
import { timeKey } from '../src/store/store.js';
import { type Harness, startCollector } from './support/harness.js';

const sample = (time_ms: number, count: number, errors: number, target = 'orders'): SampleRecord => ({
  time_ms,
  target,
  instance: 'http://127.0.0.1:1',
  up: true,
  version: 'v1',
  process_start_ms: null,
  red: {
    count,
    errors,
    buckets: [
      { le: 0.1, count: Math.round(count * 0.9) },
      { le: 1, count },
      { le: Number.POSITIVE_INFINITY, count },
    ],
  },
});

describe('collector: metrics', () => {
  let h: Harness;
  let target: ServiceApp;
  let targetUrl: string;

  before(async () => {
    // First, so its name and version are the process's (prom-client's registry is one per process).
    target = await createService({ name: 'shop-a', version: 'v7', logLevel: 'silent' });
    target.get('/ok', { config: { auth: 'public' } }, async () => ({ ok: true }));
    target.get('/fail', { config: { auth: 'public' } }, async () => {
      throw new Error('boom');
    });
    await target.listen({ port: 0, host: '127.0.0.1' });
    const address = target.server.address();
    targetUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    h = await startCollector({ targets: ['shop-a', 'ghost'] });
  });
  after(async () => {
    await target.close();
    await h.close();
  });

  it('reads the text exposition format, labels and special values included', () => {
    const samples = parseExposition(
      [
        '# HELP x a help line',
        '# TYPE x histogram',
        'x_bucket{le="0.5",route="/a \\"b\\"",status_code="200"} 3',
        'x_bucket{le="+Inf",route="/a \\"b\\"",status_code="200"} 4 1700000000000',
        'plain 1.5e3',
        'broken{le="1" 2',
      ].join('\n'),
    );
    assert.deepEqual(samples, [
      { name: 'x_bucket', labels: { le: '0.5', route: '/a "b"', status_code: '200' }, value: 3 },
      { name: 'x_bucket', labels: { le: '+Inf', route: '/a "b"', status_code: '200' }, value: 4 },
      { name: 'plain', labels: {}, value: 1500 },
    ]);
  });

  it('scrapes a live service: rate, errors, latency and version; a silent target is down', async () => {
    const scraper = startScraper({
      store: h.store,
      targets: [
        { name: 'shop-a', url: targetUrl },
        { name: 'ghost', url: `http://127.0.0.1:${await freePort()}` },
      ],
      intervalMs: 60_000,
    });
    try {
      for (let i = 0; i < 8; i++) assert.equal((await fetch(`${targetUrl}/ok`)).status, 200);
      for (let i = 0; i < 2; i++) assert.equal((await fetch(`${targetUrl}/fail`)).status, 500);
      const samples = await scraper.scrapeOnce();
      assert.equal(samples.find((s) => s.target === 'ghost')?.up, false);
    } finally {
      scraper.stop();
    }
    const { items } = (await h.app.inject({ url: '/v1/services?window=5m', headers: h.admin })).json();
    const shop = items.find((i: { name: string }) => i.name === 'shop-a');
    assert.equal(shop.up, true);
    assert.equal(shop.version, 'v7');
    assert.equal(shop.instances, 1);
    assert.equal(shop.error_rate, 0.2, 'two of ten answers were 5xx; health probes and /metrics do not count');
    assert.ok(shop.rate_rps > 0);
    assert.equal(typeof shop.p99_ms, 'number');
    assert.equal(items.find((i: { name: string }) => i.name === 'ghost').up, false);
  });

  it('derives message figures from the consumer metrics, so a service busy with messages is not idle', async () => {
    const scraper = startScraper({ store: h.store, targets: [{ name: 'shop-a', url: targetUrl }], intervalMs: 60_000 });
    try {
      // What the messaging package records as a consumer handles deliveries (in this process's registry,
      // which shop-a serves at /metrics): nine handled, one retried; lag 30 ms each.
      consumedMessages.labels('shop-a-from-orders', 'handled').inc(9);
      consumedMessages.labels('shop-a-from-orders', 'retried').inc(1);
      for (let i = 0; i < 9; i++) messageLag.labels('shop-a-from-orders').observe(0.03);
      await scraper.scrapeOnce();
    } finally {
      scraper.stop();
    }
    const { items } = (await h.app.inject({ url: '/v1/services?window=5m', headers: h.admin })).json();
    const shop = items.find((i: { name: string }) => i.name === 'shop-a');
    assert.ok(shop.messages.rate_rps > 0, 'ten deliveries in the window');
    assert.equal(shop.messages.error_rate, 0.1, 'one of ten deliveries was retried');
    assert.ok(
      shop.messages.p99_ms > 25 && shop.messages.p99_ms <= 50,
      `p99 lag ${shop.messages.p99_ms} in (25, 50] ms`,
    );
    const ghost = items.find((i: { name: string }) => i.name === 'ghost');
    assert.deepEqual(ghost.messages, { rate_rps: 0, error_rate: 0, p99_ms: null });
  });

  it('turns samples into a RED series, one point per step', () => {
    const base = 1_800_000_000_000;
    const series = redSeries(
      new Map([
        ['http://127.0.0.1:1', [sample(base, 0, 0), sample(base + 30_000, 30, 3), sample(base + 60_000, 90, 3)]],
      ]),
      base,
      base + 60_000,
      30_000,
    );
    assert.deepEqual(
      series.map((p) => [p.t, p.rate_rps, p.error_rate]),
      [
        [new Date(base).toISOString(), 0, 0],
        [new Date(base + 30_000).toISOString(), 1, 0.1],
        [new Date(base + 60_000).toISOString(), 2, 0],
      ],
    );
    assert.equal(series[0]?.p99_ms, null);
    assert.ok((series[2]?.p50_ms ?? 0) > 0 && (series[2]?.p50_ms ?? 0) <= 100);
  });

  it('reports each catalog service against its objectives', async () => {
    const now = Date.now();
    h.store.samples.putSync(`${timeKey(now - 1_800_000)}:orders:x`, sample(now - 1_800_000, 0, 0));
    h.store.samples.putSync(`${timeKey(now - 1000)}:orders:x`, sample(now - 1000, 1000, 2));
    const { items } = (await h.app.inject({ url: '/v1/slos?window=1h', headers: h.admin })).json();
    const orders = items.find((i: { service: string }) => i.service === 'orders');
    assert.deepEqual(
      { ...orders, latency_p99_ms: typeof orders.latency_p99_ms },
      {
        service: 'orders',
        availability_target: 0.999,
        availability: 0.998,
        latency_p99_target_ms: 500,
        latency_p99_ms: 'number',
        error_budget_remaining: 0,
        burn_rate: 2,
      },
    );
    const catalog = items.find((i: { service: string }) => i.service === 'catalog');
    assert.deepEqual(
      { ...catalog },
      {
        service: 'catalog',
        availability_target: 0.995,
        availability: 1,
        latency_p99_target_ms: 1000,
        latency_p99_ms: null,
        error_budget_remaining: 1,
        burn_rate: 0,
      },
    );
    assert.equal(
      items.some((i: { service: string }) => i.service === 'inventory'),
      false,
      'no objectives, no entry',
    );
  });
});
