// Runs the real broker process (dist/src/main.js) on a free port, to kill and restart it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort } from '@emporium/testing';

const MAIN = resolve(import.meta.dirname, '../../src/main.js');

export interface BrokerProcess {
  url: string;
  /** Kills the process with `signal` and starts a new one on the same port and data folder. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export function runBroker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export async function startBrokerProcess(dataDir: string): Promise<BrokerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launch = async () => {
    const child = runBroker({ PORT: String(port), BROKER_DATA_DIR: dataDir });
    await waitForHealth(url, child);
    return child;
  };
  let child = await launch();
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  return {
    url,
    async restart(signal = 'SIGKILL') {
      await kill(signal);
      child = await launch();
    },
    stop: () => kill('SIGTERM'),
  };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`broker exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`broker did not answer within 10 s: ${stderr}`);
}
