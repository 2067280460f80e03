// The sink as one unit: its store, its SMTP receiver and its HTTP API, opened together from a data
// folder and closed together. main.ts serves it; tests start it in-process with startSink.
import type { AddressInfo } from 'node:net';
import { createService, type ServiceApp } from '@emporium/service-kit';
import { registerSinkRoutes } from './api/routes.js';
import { startSmtpReceiver } from './smtp/smtp-receiver.js';
import { openMessageStore } from './store/message-store.js';

export interface SinkOptions {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  maxMessageBytes?: number;
  logLevel?: string;
  version?: string;
}

export interface BuiltSink {
  /** The HTTP API, not yet listening; closing it closes the SMTP receiver and the store too. */
  app: ServiceApp;
  smtpPort: number;
}

export interface RunningSink {
  httpUrl: string;
  smtpPort: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function buildSink(options: SinkOptions): Promise<BuiltSink> {
  const app = await createService({
    name: 'notification-sink',
    version: options.version ?? 'v1',
    description: 'The local mode mail server, SMS and push providers: keeps what it receives, delivers nothing',
    logLevel: options.logLevel ?? 'info',
  });
  const store = openMessageStore(options.dataDir);
  const smtp = await startSmtpReceiver({
    port: options.smtpPort ?? 0,
    host: options.host ?? '127.0.0.1',
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    store,
    log: app.log,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  // Mail in progress is finished (or cut) before the store it writes to closes.
  app.addHook('onClose', async () => {
    await smtp.close();
    await store.close();
  });
  registerSinkRoutes(app, store);
  return { app, smtpPort: smtp.port };
}

/** Builds the sink and listens; for tests and tools that run it inside their own process. */
export async function startSink(options: SinkOptions): Promise<RunningSink> {
  const { app, smtpPort } = await buildSink({ logLevel: 'silent', ...options });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.httpPort ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  return { httpUrl: `http://${host}:${port}`, smtpPort, close: () => app.close() };
}
