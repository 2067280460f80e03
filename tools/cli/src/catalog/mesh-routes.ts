// The mesh configuration in deploy/istio: which hosts have a VirtualService, and which callers each
// AuthorizationPolicy allows (principals ending in /sa/<caller>), read with the yaml library.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface MeshRoutes {
  /** host (short name) → the files that route it. */
  virtualServices: Map<string, string[]>;
  /** target (selector app label) → callers allowed. */
  allowedCallers: Map<string, Set<string>>;
}

type Resource = { kind?: string; spec?: Record<string, unknown> };

const shortHost = (host: string) => host.split('.')[0] ?? host;

export async function readMeshRoutes(dir: string): Promise<MeshRoutes | undefined> {
  if (!existsSync(dir)) return undefined;
  const routes: MeshRoutes = { virtualServices: new Map(), allowedCallers: new Map() };
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) {
      const resource = document.toJS() as Resource | null;
      if (resource) addResource(routes, resource, relative(dir, join(dir, file)));
    }
  }
  return routes;
}

function addResource(routes: MeshRoutes, resource: Resource, file: string): void {
  const spec = resource.spec ?? {};
  if (resource.kind === 'VirtualService') {
    for (const host of (spec.hosts as string[] | undefined) ?? []) {
      const name = shortHost(host);
      routes.virtualServices.set(name, [...(routes.virtualServices.get(name) ?? []), file]);
    }
  }
  if (resource.kind === 'AuthorizationPolicy') {
    const selector = spec.selector as { matchLabels?: Record<string, string> } | undefined;
    const target = selector?.matchLabels?.app;
    if (!target) return;
    const callers = routes.allowedCallers.get(target) ?? new Set<string>();
    for (const rule of (spec.rules as Array<{ from?: Array<{ source?: { principals?: string[] } }> }>) ?? []) {
      for (const from of rule.from ?? []) {
        for (const principal of from.source?.principals ?? []) {
          const caller = /\/sa\/([a-z][a-z0-9-]*)$/.exec(principal)?.[1];
          if (caller) callers.add(caller);
        }
      }
    }
    routes.allowedCallers.set(target, callers);
  }
}
