// Entry point of the local collector: configuration, store, catalog, scraper and retention, the
// broker for dead letters (connected on first use), then serve.
import { connectBus, type MessageBus } from '@emporium/messaging';
import { createRemoteTokenVerifier, loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { buildCollectorApp } from './app.js';
import { readCatalog } from './catalog.js';
import { CollectorConfig } from './config.js';
import { parseTargets, startScraper } from './scrape/scraper.js';
import { pruneOlderThan } from './store/retention.js';
import { openStore } from './store/store.js';

const PRUNE_EVERY_MS = 60_000;

startOrExit(async () => {
  const config = loadConfig(CollectorConfig);
  const store = openStore(config.COLLECTOR_DATA_DIR);
  const catalog = await readCatalog(config.SERVICE_CATALOG_PATH);
  const targets = parseTargets(config.COLLECTOR_SCRAPE_TARGETS);
  const retentionMs = config.COLLECTOR_RETENTION_HOURS * 3_600_000;
  let bus: Promise<MessageBus> | undefined;
  const busUrl = config.BUS_URL;
  const app = await buildCollectorApp({
    version: config.SERVICE_VERSION,
    logLevel: config.LOG_LEVEL,
    verifier: createRemoteTokenVerifier(config.JWKS_URL, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE }),
    store,
    catalog,
    targets: [...new Set(targets.map((t) => t.name))],
    lookbackMs: 2 * config.COLLECTOR_SCRAPE_INTERVAL_MS + 5000,
    bus: async () => {
      if (!busUrl) return undefined;
      bus ??= connectBus(busUrl, 'collector', (error) => app.log.warn({ err: error }, 'message bus error'));
      return bus.catch((error: unknown) => {
        bus = undefined;
        throw error;
      });
    },
  });
  const scraper = startScraper({ store, targets, intervalMs: config.COLLECTOR_SCRAPE_INTERVAL_MS });
  const prune = () => {
    try {
      const removed = pruneOlderThan(store, Date.now() - retentionMs);
      if (removed.traces + removed.logs > 0) app.log.debug({ removed }, 'pruned telemetry past retention');
    } catch (error) {
      app.log.error({ err: error }, 'pruning failed; will try again');
    }
  };
  const pruner = setInterval(prune, PRUNE_EVERY_MS);
  pruner.unref();
  prune();
  app.addHook('onClose', async () => {
    clearInterval(pruner);
    scraper.stop();
    await (await bus?.catch(() => undefined))?.close();
    await store.close();
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
