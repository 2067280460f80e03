// Entry point of the embedded broker: configuration, the store, then serve.
import { loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { buildBroker } from './app.js';
import { BrokerConfig } from './config.js';

startOrExit(async () => {
  const config = loadConfig(BrokerConfig);
  const { app } = await buildBroker({
    dataDir: config.BROKER_DATA_DIR,
    version: config.SERVICE_VERSION,
    logLevel: config.LOG_LEVEL,
    retentionIntervalMs: config.BROKER_RETENTION_INTERVAL_MS,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
});
