// runService under a supervisor (the emporium CLI starts every process with an IPC channel): a process
// stops when its supervisor goes away, also when that happens while it is still starting, before it
// listened for the channel's 'disconnect' (which is emitted once and not again).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'slow-start.js');

function supervised(startDelayMs: number) {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, START_DELAY_MS: String(startDelayMs) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<void>((resolve) =>
    child.stdout?.on('data', (d) => String(d).includes('listening') && resolve()),
  );
  return { child, exited, listening };
}

const within = <T>(what: string, promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms).unref()),
  ]);

describe('runService under a supervisor', () => {
  it('stops when the supervisor goes away while it runs', async () => {
    const { child, exited, listening } = supervised(0);
    try {
      await within('listening', listening, 10_000);
      child.disconnect();
      assert.equal(await within('the exit', exited, 10_000), 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops when the supervisor went away while it was still starting', async () => {
    const { child, exited } = supervised(1500);
    try {
      await new Promise((r) => setTimeout(r, 200)); // the process is up, still "connecting"
      child.disconnect();
      assert.equal(await within('the exit', exited, 15_000), 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
