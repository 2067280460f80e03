// A Node script run as a real process for a test or benchmark, which prints "ready" once it is;
// and stopping one, with the signal the test wants (SIGTERM to stop, SIGKILL to crash it).
import { type ChildProcess, spawn } from 'node:child_process';

export function startReadyProcess(script: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ready, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready(child);
    });
    child.once('exit', (code) => fail(new Error(`${script} ${args.join(' ')} exited with ${code}`)));
  });
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.removeAllListeners('exit');
    child.once('exit', () => done());
    child.kill(signal);
  });
}
