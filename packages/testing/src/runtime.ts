// Starts the real `emporium up` (real processes, real ports) in a throwaway data folder, for system
// tests and benchmarks, and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropDatabasesWithPrefix, loadLocalSecrets } from '@emporium/local-postgres';
import { claimPortRange } from './port-range.js';
import { freePort } from './ports.js';

// Processes take base+1 .. base+47: services, local infrastructure, the mesh's listeners at base+20..,
// canaries at base+40...
const PORTS_PER_RUNTIME = 47;

const CLI = resolve(import.meta.dirname, '../../../../tools/cli/dist/src/main.js');

export interface RuntimeOptions {
  infra: 'embedded' | 'local';
  machinePgUrl?: string;
  /** local mode: the NATS server the services use. */
  natsUrl?: string;
  /** Extra settings for `emporium up` and the processes it starts (e.g. ORDER_PAYMENT_TIMEOUT_MS). */
  env?: Record<string, string>;
}

export interface Runtime {
  gateway: string;
  env: Record<string, string>;
  dataDir: string;
  output: () => string;
  adminUrl(): Promise<string>;
  serviceUrl(service: string): Promise<string>;
  /** The broker the running services use (from the runtime's state file). */
  busUrl(): Promise<string>;
  /** A process of the runtime as its state file lists it now (restarts change the pid). */
  process(name: string): Promise<{ name: string; url: string; pid: number | undefined }>;
  start(): Promise<void>;
  /** Sends SIGINT as Ctrl-C would; resolves with the exit code. */
  interrupt(): Promise<number | null>;
  cleanUp(): Promise<void>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-system-'));
  // mkdtemp makes it 0700; PostgreSQL runs as its own user when we are root and must reach its folder inside.
  await chmod(dataDir, 0o755);
  const prefix = `systest_${process.pid}_${Math.floor(Math.random() * 1e6)}_`;
  const gatewayPort = await freePort();
  const ports = await claimPortRange(PORTS_PER_RUNTIME);
  const env: Record<string, string> = {
    EMPORIUM_INFRA: options.infra,
    EMPORIUM_DATA_DIR: dataDir,
    EMPORIUM_PG_PORT: String(await freePort()),
    EMPORIUM_GATEWAY_PORT: String(gatewayPort),
    EMPORIUM_PORT_BASE: String(ports.base),
    EMPORIUM_DB_PREFIX: prefix,
    EMPORIUM_LOG_LEVEL: 'warn',
    EMPORIUM_ADMIN_EMAIL: 'admin@systest.example',
    EMPORIUM_ADMIN_PASSWORD: 'systest-admin-password',
    ...(options.machinePgUrl ? { EMPORIUM_PG_URL: options.machinePgUrl } : {}),
    ...(options.natsUrl ? { EMPORIUM_BUS_URL: options.natsUrl } : {}),
    ...options.env,
  };
  let child: ChildProcess | undefined;
  let output = '';
  const secrets = () => loadLocalSecrets(join(dataDir, 'secret'));
  const adminUrl = async () =>
    options.infra === 'local'
      ? (options.machinePgUrl ?? '')
      : `postgres://postgres:${encodeURIComponent((await secrets()).passwordFor('postgres'))}@127.0.0.1:${env.EMPORIUM_PG_PORT}/postgres`;

  return {
    gateway: `http://127.0.0.1:${gatewayPort}`,
    env,
    dataDir,
    output: () => output,
    adminUrl,
    async busUrl() {
      const state = JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8')) as { busUrl: string };
      return state.busUrl;
    },
    async process(name) {
      const state = JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8')) as {
        services: Array<{ name: string; url: string; pid: number | undefined }>;
      };
      const found = state.services.find((s) => s.name === name);
      if (!found) throw new Error(`the runtime has no process named ${name}`);
      return found;
    },
    async serviceUrl(service) {
      const url = new URL(await adminUrl());
      url.username = `${prefix}${service}`;
      url.password = (await secrets()).passwordFor(service);
      url.pathname = `/${prefix}${service}`;
      return url.toString();
    },
    async start() {
      output = '';
      const proc = spawn(process.execPath, [CLI, 'up'], {
        env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout.on('data', (d) => {
        output += d;
      });
      proc.stderr.on('data', (d) => {
        output += d;
      });
      await new Promise<void>((ready, fail) => {
        // Generous: a whole shop starting on two cores beside another test's shop can take over a minute.
        const timer = setTimeout(() => fail(new Error(`not ready after 180 s:\n${output}`)), 180_000);
        const check = () => {
          if (output.includes('Emporium is ready')) {
            clearTimeout(timer);
            ready();
          }
        };
        proc.stdout.on('data', check);
        proc.once('exit', (code) => {
          clearTimeout(timer);
          fail(new Error(`emporium up exited with ${code}:\n${output}`));
        });
      });
    },
    interrupt() {
      const proc = child;
      if (!proc || proc.exitCode !== null) return Promise.resolve(proc?.exitCode ?? null);
      return new Promise((done) => {
        proc.once('exit', (code) => done(code));
        proc.kill('SIGINT');
      });
    },
    async cleanUp() {
      if (child && child.exitCode === null) {
        child.kill('SIGINT');
        await new Promise((r) => child?.once('exit', r));
      }
      if (options.infra === 'local' && options.machinePgUrl)
        await dropDatabasesWithPrefix(options.machinePgUrl, prefix);
      await rm(dataDir, { recursive: true, force: true });
      ports.release();
    },
  };
}
