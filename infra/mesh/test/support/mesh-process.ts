// The mesh as a real process (its compiled main.js) over a temporary folder of Istio files, with
// listeners on free ports; the test reads its output, its admin API and its metrics.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fetchMetric, freePort } from '@emporium/testing';

const MAIN = resolve(import.meta.dirname, '../../src/main.js');

export interface MeshProcess {
  admin: string;
  configDir: string;
  url(destination: string): string;
  output(): string;
  /** Replaces a file of the watched folder the way editors do (write, then rename). */
  writeConfig(file: string, yaml: string): Promise<void>;
  metric(name: string, labels: Record<string, string>): Promise<number>;
  config(): Promise<{ destinations: Array<{ name: string; route: { destinations: Array<{ weight: number }> } }> }>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export type Endpoints = Record<string, Array<{ url: string; version?: string }>>;

/** Starts the mesh; resolves once it is ready, or rejects with its output if it exits first. */
export async function startMesh(files: Record<string, string>, endpoints: Endpoints): Promise<MeshProcess> {
  const configDir = await mkdtemp(join(tmpdir(), 'mesh-test-'));
  for (const [file, yaml] of Object.entries(files)) await writeFile(join(configDir, file), yaml);
  const ports: Record<string, number> = {};
  const meshEndpoints: Record<string, object> = {};
  for (const [name, instances] of Object.entries(endpoints)) {
    ports[name] = await freePort();
    meshEndpoints[name] = {
      port: ports[name],
      instances: instances.map((i) => ({ url: i.url, labels: { version: i.version ?? 'v1' } })),
    };
  }
  const adminPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(adminPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MESH_CONFIG_DIR: configDir,
      MESH_ENDPOINTS: JSON.stringify(meshEndpoints),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const admin = `http://127.0.0.1:${adminPort}`;
  const mesh: MeshProcess = {
    admin,
    configDir,
    url: (destination) => `http://127.0.0.1:${ports[destination]}`,
    output: () => output,
    async writeConfig(file, yaml) {
      const temporary = join(configDir, `.${file}.tmp`);
      await writeFile(temporary, yaml);
      await rename(temporary, join(configDir, file));
    },
    metric: (name, labels) => fetchMetric(`${admin}/metrics`, name, labels),
    async config() {
      return (await fetch(`${admin}/v1/config`)).json() as ReturnType<MeshProcess['config']>;
    },
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(configDir, { recursive: true, force: true });
    },
  };
  let gone: number | null | undefined;
  void exited.then((code) => {
    gone = code;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`the mesh exited with ${gone}:\n${output}`);
    try {
      if ((await fetch(`${admin}/readyz`)).ok) return mesh;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await mesh.stop();
  throw new Error(`the mesh was not ready:\n${output}`);
}
