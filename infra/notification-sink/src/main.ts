// Entry point of the notification sink: configuration, then serve SMTP and HTTP until told to stop.
import type { AddressInfo } from 'node:net';
import { loadConfig, runService, startOrExit } from '@emporium/service-kit';
import { SinkConfig } from './config.js';
import { buildSink } from './sink.js';

startOrExit(async () => {
  const config = loadConfig(SinkConfig);
  const { app, smtpPort } = await buildSink({
    dataDir: config.SINK_DATA_DIR,
    smtpPort: config.SINK_SMTP_PORT,
    host: config.HOST,
    maxMessageBytes: config.SINK_MAX_MESSAGE_BYTES,
    logLevel: config.LOG_LEVEL,
    version: config.SERVICE_VERSION,
  });
  await runService(app, { port: config.PORT, host: config.HOST });
  // Supervisors and tests wait for this line.
  const { port } = app.server.address() as AddressInfo;
  app.log.info({ smtp_port: smtpPort, http_port: port }, 'notification sink ready');
});
