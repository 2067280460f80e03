// The two ways the shop runs, for system tests and benchmarks: the embedded mode, and the
// infrastructure mode on the machine's PostgreSQL and a private NATS server (so tests never share
// streams). With CI=true the infrastructure mode is required, not skipped.
import { machinePostgresUrl } from './machine-postgres.js';
import { findNatsServer, type NatsServerProcess, startNatsServer } from './nats-server.js';
import type { RuntimeOptions } from './runtime.js';

export interface InfraMode {
  infra: 'embedded' | 'local';
  /** Why this mode cannot run here, or false. */
  skip: string | false;
  /** Starts what the mode needs (a NATS server) and returns createRuntime's options. */
  start(env?: Record<string, string>): Promise<RuntimeOptions>;
  stop(): Promise<void>;
}

export async function infraModesUnderTest(): Promise<InfraMode[]> {
  const machinePg = await machinePostgresUrl();
  const natsBinary = findNatsServer();
  if (process.env.CI === 'true') {
    if (!machinePg) throw new Error('CI=true needs the machine PostgreSQL at 127.0.0.1:5432');
    if (!natsBinary) throw new Error('CI=true needs nats-server for the infrastructure mode');
  }
  let nats: NatsServerProcess | undefined;
  const embedded: InfraMode = {
    infra: 'embedded',
    skip: false,
    start: async (env) => ({ infra: 'embedded', ...(env ? { env } : {}) }),
    stop: async () => {},
  };
  const local: InfraMode = {
    infra: 'local',
    skip: !machinePg ? 'the machine PostgreSQL does not answer' : !natsBinary ? 'nats-server is not installed' : false,
    async start(env) {
      nats = await startNatsServer(natsBinary as string);
      return { infra: 'local', machinePgUrl: machinePg as string, natsUrl: nats.url, ...(env ? { env } : {}) };
    },
    async stop() {
      await nats?.stop();
    },
  };
  return [embedded, local];
}
