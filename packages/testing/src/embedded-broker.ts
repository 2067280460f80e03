// The embedded broker (infra/broker) as a real process for one test file or benchmark: its own port
// and data folder; restart stops it gracefully and starts it again on both.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrokerProcess } from './broker-process.js';
import { freePort } from './ports.js';

const ENTRY = resolve(import.meta.dirname, '../../../../infra/broker/dist/src/main.js');

export async function startEmbeddedBroker(): Promise<BrokerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-broker-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', BROKER_DATA_DIR: dataDir };
  let child = await launch(url, env);
  return {
    url,
    async restart() {
      await terminate(child, 'SIGTERM');
      child = await launch(url, env);
    },
    async down() {
      await terminate(child, 'SIGTERM');
    },
    async up() {
      child = await launch(url, env);
    },
    async crash() {
      await terminate(child, 'SIGKILL');
      child = await launch(url, env);
    },
    async stop() {
      await terminate(child, 'SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function launch(url: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the broker exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the broker did not become ready');
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}
