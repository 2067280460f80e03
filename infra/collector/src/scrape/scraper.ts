// Scrapes GET /metrics of every target on an interval and stores one sample per target per scrape
// (a target that does not answer is stored as down, so `up` is what the last scrape saw).

import type { SampleRecord } from '../store/records.js';
import type { CollectorStore } from '../store/store.js';
import { timeKey } from '../store/store.js';
import { parseExposition } from './exposition.js';
import { messageCounters, processStartMs, redCounters, versionOf } from './red-counters.js';

export interface ScrapeTarget {
  name: string;
  url: string;
}

export interface Scraper {
  /** Scrapes every target once, now; resolves when all are stored. */
  scrapeOnce(): Promise<SampleRecord[]>;
  stop(): void;
}

/** `name=url,name=url` → targets (a name may repeat: several instances of one service). */
export function parseTargets(list: string): ScrapeTarget[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      return {
        name: entry.slice(0, at).trim(),
        url: entry
          .slice(at + 1)
          .trim()
          .replace(/\/+$/, ''),
      };
    })
    .filter((t) => t.name && /^https?:\/\//.test(t.url));
}

async function scrapeTarget(target: ScrapeTarget, timeoutMs: number): Promise<SampleRecord> {
  const time_ms = Date.now();
  const down: SampleRecord = {
    time_ms,
    target: target.name,
    instance: target.url,
    up: false,
    version: null,
    process_start_ms: null,
    red: { count: 0, errors: 0, buckets: [] },
  };
  try {
    const res = await fetch(`${target.url}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      return down;
    }
    const samples = parseExposition(await res.text());
    return {
      ...down,
      up: true,
      version: versionOf(samples),
      process_start_ms: processStartMs(samples),
      red: redCounters(samples),
      messages: messageCounters(samples),
    };
  } catch {
    return down;
  }
}

export function startScraper(options: {
  store: CollectorStore;
  targets: ScrapeTarget[];
  intervalMs: number;
  timeoutMs?: number;
}): Scraper {
  const { store, targets, intervalMs } = options;
  const timeoutMs = options.timeoutMs ?? Math.min(5000, intervalMs);
  const scrapeOnce = async () => {
    const samples = await Promise.all(targets.map((t) => scrapeTarget(t, timeoutMs)));
    await store.root.transaction(() => {
      for (const s of samples) store.samples.putSync(`${timeKey(s.time_ms)}:${s.target}:${s.instance}`, s);
    });
    return samples;
  };
  const timer = setInterval(() => void scrapeOnce(), intervalMs);
  timer.unref();
  void scrapeOnce();
  return { scrapeOnce, stop: () => clearInterval(timer) };
}
