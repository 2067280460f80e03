// Entry point of the payment provider simulator: configuration, then serve. It also exports
// buildProviderApp, so other packages' tests can run the simulator in-process; importing this module
// for that must not start a server, hence the check that it is the script node was asked to run.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { buildProviderApp } from './app.js';
import { ProviderConfig } from './config.js';

export { buildProviderApp, type ProviderAppOptions } from './app.js';
export type { ProviderSettings } from './domain/settings.js';

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false; // not a file: node was not asked to run this one
  }
}

if (isEntryPoint()) {
  startOrExit(async () => {
    const config = loadConfig(ProviderConfig);
    const settings = {
      latency_ms: config.PROVIDER_LATENCY_MS,
      error_rate: config.PROVIDER_ERROR_RATE,
      slow_ms: config.PROVIDER_SLOW_MS,
    };
    const app = await buildProviderApp({
      dataDir: config.PROVIDER_DATA_DIR,
      version: config.SERVICE_VERSION,
      logLevel: config.LOG_LEVEL,
      settings,
    });
    await runService(app, { port: config.PORT, host: config.HOST });
    // At info level, "ready" on stdout is what test harnesses (startReadyProcess) wait for.
    app.log.info({ settings }, 'payment provider ready');
  });
}
