// The runtime's message broker: the embedded broker process (default), or NATS JetStream
// (EMPORIUM_INFRA=local, at EMPORIUM_BUS_URL) which the machine runs.
import { join } from 'node:path';
import type { Settings } from '../settings.js';
import { type ManagedProcess, spawnManaged, stopManaged, waitUntilReady } from './supervisor.js';

export const BROKER_ENTRY = 'infra/broker/dist/src/main.js';

export interface RuntimeBroker {
  /** What services get as BUS_URL. */
  url: string;
  process?: ManagedProcess;
  stop(): Promise<void>;
}

export async function startBroker(
  settings: Settings,
  onLine: (name: string, line: string) => void,
): Promise<RuntimeBroker> {
  if (settings.infra === 'local') return { url: settings.busUrl, stop: async () => {} };
  const port = settings.portBase + BROKER_PORT_OFFSET;
  const url = `http://${settings.host}:${port}`;
  const proc = spawnManaged({
    name: 'broker',
    script: join(settings.root, BROKER_ENTRY),
    env: {
      PORT: String(port),
      HOST: settings.host,
      LOG_LEVEL: settings.logLevel,
      BROKER_DATA_DIR: join(settings.dataDir, 'broker'),
    },
    onLine,
  });
  try {
    await waitUntilReady(proc, `${url}/readyz`, 30_000);
  } catch (error) {
    await stopManaged(proc, 10_000);
    throw error;
  }
  return { url, process: proc, stop: async () => void (await stopManaged(proc, 10_000)) };
}

export const BROKER_PORT_OFFSET = 9;
