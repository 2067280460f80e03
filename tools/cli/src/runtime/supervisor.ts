// Starts the local runtime's processes, relays their logs, and stops them in order.
// Children run in their own process groups with an IPC channel: Ctrl-C reaches only the CLI,
// which decides the shutdown order, and a child whose CLI dies stops itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for a failure report. */
  tail: string[];
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  onLine: (name: string, line: string) => void;
}

const TAIL_LINES = 30;

export function spawnManaged(options: SpawnOptions): ManagedProcess {
  // EMPORIUM_NODE_ARGS passes flags to every process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile).
  const nodeArgs = (process.env.EMPORIUM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, options.script], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const tail: string[] = [];
  const relay = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.onLine(options.name, line);
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.once('error', () => resolve(1));
  });
  return { name: options.name, child, tail, exited };
}

/** Polls `url` until it answers 2xx; fails early if the process exits, or after `timeoutMs`. */
export async function waitUntilReady(proc: ManagedProcess, url: string, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${proc.name} exited with code ${exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs / 1000} s`);
}

/** Waits for a line the process prints on stdout that satisfies `test`. */
export function waitForLine(proc: ManagedProcess, test: (line: string) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${proc.name} was not ready after ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const rl = proc.child.stdout ? createInterface({ input: proc.child.stdout }) : undefined;
    rl?.on('line', (line) => {
      if (test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${proc.name} exited with code ${code} before it was ready`));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs` if it is still running. Resolves when it has exited. */
export async function stopManaged(proc: ManagedProcess, graceMs: number): Promise<'stopped' | 'killed'> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return 'stopped';
  proc.child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([proc.exited, timer])) !== 'timeout') return 'stopped';
  proc.child.kill('SIGKILL');
  await proc.exited;
  return 'killed';
}
