// A private nats-server for one test file: its own port and store folder, so a restart test never
// disturbs the machine's shared broker or another test file running at the same time.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { BrokerProcess } from './broker-process.js';
import { freePort } from './ports.js';

const READY_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 10_000;

/** The NATS server is one kind of broker process. */
export type NatsServerProcess = BrokerProcess;

/** The nats-server binary: $NATS_SERVER_BIN, Debian's /usr/sbin, or the PATH; undefined when absent. */
export function findNatsServer(): string | undefined {
  const candidates = [
    process.env.NATS_SERVER_BIN,
    '/usr/sbin/nats-server',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'nats-server')),
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export async function startNatsServer(binary: string): Promise<NatsServerProcess> {
  const storeDir = await mkdtemp(join(tmpdir(), 'emporium-nats-'));
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  let child = await launch(binary, args);
  return {
    url: `nats://127.0.0.1:${port}`,
    async restart() {
      await terminate(child, 'SIGTERM');
      child = await launch(binary, args);
    },
    async down() {
      await terminate(child, 'SIGTERM');
    },
    async up() {
      child = await launch(binary, args);
    },
    async crash() {
      await terminate(child, 'SIGKILL');
      child = await launch(binary, args);
    },
    async stop() {
      await terminate(child, 'SIGTERM');
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

function launch(binary: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('nats-server did not become ready')), READY_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output}`));
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`nats-server exited with ${code}`)));
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // Logged once the client port listens and JetStream has recovered its store.
      if (output.includes('Server is ready')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve(child);
      }
    });
  });
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
