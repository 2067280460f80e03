// Entry point of the local mesh: settings, the Istio files, one listener per destination, the admin
// server, and a watch on the files. Refuses to start on a file with errors, naming each one.
import { loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { buildAdminApp } from './admin.js';
import { MeshSettings } from './config.js';
import { parseEndpoints } from './endpoints.js';
import { Mesh } from './mesh.js';
import { meshMetrics } from './metrics.js';
import { watchFolder } from './watch.js';

startOrExit(async () => {
  const config = loadConfig(MeshSettings);
  const endpoints = parseEndpoints(config.MESH_ENDPOINTS);
  let mesh: Mesh | undefined;
  const app = await buildAdminApp(() => mesh?.snapshot(), {
    version: config.SERVICE_VERSION,
    logLevel: config.LOG_LEVEL,
  });
  mesh = await Mesh.start({
    configDir: config.MESH_CONFIG_DIR,
    endpoints,
    host: config.HOST,
    metrics: meshMetrics,
    maxBodyBytes: config.MESH_MAX_BODY_BYTES,
    log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) },
  });
  const running = mesh;
  const watcher = watchFolder(config.MESH_CONFIG_DIR, () => running.reload());
  app.addHook('onClose', async () => {
    watcher.close();
    await running.close();
  });
  await runService(app, { port: config.PORT, host: config.HOST });
  const listeners = [...running.ports].map(([name, port]) => `${name}:${port}`).join(' ');
  // At info level, "ready" on stdout is what test harnesses (startReadyProcess) wait for.
  app.log.info({ listeners: Object.fromEntries(running.ports) }, `mesh ready (${listeners})`);
});
