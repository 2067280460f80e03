// What the code says about the architecture, gathered once for the checks: the processes the runtime
// starts, whom each is configured to call, what each registers with the broker, the API documents
// its code generates, the mesh routes in deploy/istio, and the commands the CLI has.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_SERVICES, type ApiDocument, generateDocuments, messageRegistrations } from '@emporium/api-specs';
import { isMeshed } from '../mesh-routing.js';
import { type Addresses, type ProcessRole, SERVICES } from '../services.js';
import { cliCommands } from './cli-commands.js';
import { type MeshRoutes, readMeshRoutes } from './mesh-routes.js';

export interface CodeFacts {
  processes: Array<{ name: string; role: ProcessRole; route?: string; database: boolean }>;
  /** process → the processes its settings point at (URL settings; the gateway's upstream table). */
  configuredCalls: Record<string, Array<{ target: string; setting: string; viaMesh: boolean }>>;
  /** service → message names it publishes (its outbox list) and consumes (its handlers). */
  messages: Record<string, { publishes: string[]; consumes: string[] }>;
  /** service → the documents its code generates now. */
  documents: Record<string, { openapi?: ApiDocument; asyncapi?: ApiDocument }>;
  /** deploy/istio, or undefined while that folder does not exist. */
  mesh: MeshRoutes | undefined;
  /** `events tail`, `orders`, ...: what `emporium` accepts. */
  commands: Set<string>;
}

const MARKER = /^https?:\/\/([a-z][a-z0-9-]*)\.(mesh|direct)\.catalog-check\.invalid/;

/**
 * Calls each process's settings builder with addresses that name their target (and whether they go
 * through the mesh), and reads them back. The gateway's upstream table is built by `up` from the routes.
 */
export function configuredCalls(): CodeFacts['configuredCalls'] {
  const direct = (name: string) => `http://${name}.direct.catalog-check.invalid`;
  const at: Addresses = {
    url: direct,
    meshUrl: (name) => `http://${name}.mesh.catalog-check.invalid`,
    instancesOf: (name) => [{ url: direct(name), version: 'v1' }],
    portAt: (offset) => 40_000 + offset,
    dataDir: '/nonexistent',
    host: '127.0.0.1',
  };
  const calls: CodeFacts['configuredCalls'] = {};
  for (const spec of SERVICES) {
    const found = Object.entries(spec.env?.(at) ?? {}).flatMap(([setting, value]) => {
      const [, target, route] = MARKER.exec(value) ?? [];
      return target ? [{ target, setting, viaMesh: route === 'mesh' }] : [];
    });
    if (spec.role === 'gateway') {
      for (const upstream of SERVICES.filter((s) => s.route))
        found.push({ target: upstream.name, setting: 'UPSTREAMS', viaMesh: isMeshed(upstream) });
    }
    calls[spec.name] = found;
  }
  return calls;
}

export async function gatherCodeFacts(root: string): Promise<CodeFacts> {
  const registrations = messageRegistrations();
  const messages: CodeFacts['messages'] = {};
  for (const [service, r] of Object.entries(registrations)) {
    messages[service] = { publishes: r.publishes.map((m) => m.name), consumes: r.consumes.map((c) => c.message.name) };
  }
  const documents: CodeFacts['documents'] = {};
  for (const doc of await generateDocuments(root, API_SERVICES)) {
    documents[doc.service] = { ...documents[doc.service], [doc.kind]: doc.document };
  }
  return {
    processes: SERVICES.filter((s) => !s.instanceOf).map((s) => ({
      name: s.name,
      role: s.role,
      database: s.database,
      ...(s.route ? { route: s.route } : {}),
    })),
    configuredCalls: configuredCalls(),
    messages,
    documents,
    mesh: await readMeshRoutes(join(root, 'deploy', 'istio')),
    commands: cliCommands(await readFile(join(root, 'tools', 'cli', 'src', 'main.ts'), 'utf8')),
  };
}

export const exists = (root: string, path: string) => existsSync(join(root, path));
