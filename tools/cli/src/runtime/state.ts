// The running runtime's address book (.data/runtime.json), so `status` and `down` can find it.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RuntimeState {
  pid: number;
  infra: string;
  startedAt: string;
  gateway: string;
  /** The broker the services use (embedded broker URL or nats://...). */
  busUrl: string;
  services: Array<{ name: string; url: string; pid: number | undefined }>;
}

const fileIn = (dataDir: string) => join(dataDir, 'runtime.json');

export async function writeState(dataDir: string, state: RuntimeState): Promise<void> {
  await writeFile(fileIn(dataDir), `${JSON.stringify(state, null, 2)}\n`);
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
