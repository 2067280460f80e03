// The running runtime's address book (.data/runtime.json), so `status` and `down` can find it.
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RuntimeState {
  pid: number;
  infra: string;
  startedAt: string;
  gateway: string;
  /** The broker the services use (embedded broker URL or nats://...). */
  busUrl: string;
  /** The local mesh: its admin server and the folder of Istio files it watches. */
  mesh?: { admin: string; configDir: string };
  services: Array<{ name: string; url: string; pid: number | undefined }>;
  /** The embedded PostgreSQL server's and broker's processes (embedded mode), and their data folders. */
  infrastructure?: Array<{ name: string; pid: number | undefined; dataDir: string }>;
}

const fileIn = (dataDir: string) => join(dataDir, 'runtime.json');

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export async function writeState(dataDir: string, state: RuntimeState): Promise<void> {
  const temporary = `${fileIn(dataDir)}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, fileIn(dataDir));
}

export async function readState(dataDir: string): Promise<RuntimeState | undefined> {
  if (!existsSync(fileIn(dataDir))) return undefined;
  const state = JSON.parse(await readFile(fileIn(dataDir), 'utf8')) as RuntimeState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined; // left behind by a runtime that is gone
  }
}

export async function clearState(dataDir: string): Promise<void> {
  await rm(fileIn(dataDir), { force: true });
}
