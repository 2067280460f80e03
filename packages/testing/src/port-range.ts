// A block of consecutive TCP ports that no other runtime on this machine is using or will take: system
// tests and benchmarks start whole shops side by side (test files run in parallel, and a CI run can
// overlap a developer's), each on `base+1 .. base+size`. Checking that the ports are free is not
// enough: two runtimes checking at the same moment could pick overlapping blocks and fail with
// EADDRINUSE later. So each block is claimed first with a lock file (created exclusively, holding the
// owner's pid; a dead owner's claim is taken over), then checked, and released when the runtime stops.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLAIMS = join(tmpdir(), 'emporium-port-ranges');
// Below the kernel's ephemeral range (32768+), where any process's outgoing connection could take a
// port between the check and the moment the process that owns it listens.
const FIRST = 10_000;
const LAST = 32_000;

export interface PortRange {
  /** Ports base+1 .. base+size are this range's. */
  base: number;
  release(): void;
}

function ownerAlive(file: string): boolean {
  const pid = Number(readFileSync(file, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function claim(file: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let stale = false;
      try {
        stale = !ownerAlive(file);
      } catch {
        // Being written or removed by its owner right now: treat it as taken.
      }
      if (!stale) return false;
      try {
        unlinkSync(file);
      } catch {
        // Another process took the stale claim over first; the next try tells.
      }
    }
  }
  return false;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Every block of that size the claims are made in, lowest first. */
export function portRangeBases(size: number): number[] {
  return Array.from({ length: Math.floor((LAST - FIRST) / (size + 1)) }, (_, i) => FIRST + i * (size + 1));
}

export async function claimPortRange(size: number, options: { claims?: string } = {}): Promise<PortRange> {
  const claims = options.claims ?? CLAIMS;
  mkdirSync(claims, { recursive: true });
  const bases = portRangeBases(size);
  for (;;) {
    const base = bases[Math.floor(Math.random() * bases.length)] as number;
    const file = join(claims, String(base));
    if (!claim(file)) continue;
    const release = () => {
      process.off('exit', release);
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    };
    process.on('exit', release);
    const ports = Array.from({ length: size }, (_, i) => base + i + 1);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return { base, release };
    release();
  }
}
