// The repository's npm workspaces by package name, and the workspace folders a service's pipeline
// depends on: its own @emporium dependencies (runtime and dev) and, transitively, their runtime ones.
// Other services are never included: what a service needs from another is a contract (pacts/).
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Workspace {
  name: string;
  dir: string;
  dependencies: string[];
  devDependencies: string[];
  main?: string;
}

const GROUPS = ['packages', 'services', 'tools', 'infra'];

export async function readWorkspaces(root: string): Promise<Map<string, Workspace>> {
  const found = new Map<string, Workspace>();
  for (const group of GROUPS) {
    if (!existsSync(join(root, group))) continue;
    for (const entry of (await readdir(join(root, group))).sort()) {
      const file = join(root, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(await readFile(file, 'utf8')) as {
        name: string;
        main?: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      found.set(pkg.name, {
        name: pkg.name,
        dir: `${group}/${entry}`,
        dependencies: Object.keys(pkg.dependencies ?? {}),
        devDependencies: Object.keys(pkg.devDependencies ?? {}),
        ...(pkg.main ? { main: pkg.main } : {}),
      });
    }
  }
  return found;
}

export function serviceWorkspace(workspaces: Map<string, Workspace>, service: string): Workspace | undefined {
  return [...workspaces.values()].find((w) => w.dir === `services/${service}`);
}

/** Folders of the workspaces `service` builds and tests with, sorted (its own folder excluded). */
export function dependencyFolders(workspaces: Map<string, Workspace>, service: string): string[] {
  const own = serviceWorkspace(workspaces, service);
  if (!own) throw new Error(`services/${service} is not a workspace`);
  const folders = new Set<string>();
  const visit = (name: string) => {
    const workspace = workspaces.get(name);
    if (!workspace || workspace.dir.startsWith('services/') || folders.has(workspace.dir)) return;
    folders.add(workspace.dir);
    for (const dependency of workspace.dependencies) visit(dependency);
  };
  for (const dependency of [...own.dependencies, ...own.devDependencies]) visit(dependency);
  return [...folders].sort();
}
