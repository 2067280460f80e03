// Keeps .github/workflows/<service>.yml in step with the service catalog: one workflow per catalog
// entry, each exactly what renderWorkflow makes of the service's package graph, and no workflow for
// a service the catalog does not list.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderWorkflow } from './workflow.js';
import { dependencyFolders, readWorkspaces, serviceWorkspace } from './workspaces.js';

export const WORKFLOWS_DIR = '.github/workflows';

export async function catalogServices(root: string): Promise<string[]> {
  const catalog = parse(await readFile(join(root, 'service-catalog.yaml'), 'utf8')) as {
    services?: Record<string, unknown>;
  };
  return Object.keys(catalog.services ?? {});
}

/** workflow file (relative to the root) → its expected content. */
export async function expectedWorkflows(root: string, services?: string[]): Promise<Map<string, string>> {
  const workspaces = await readWorkspaces(root);
  const expected = new Map<string, string>();
  for (const service of services ?? (await catalogServices(root))) {
    const workspace = serviceWorkspace(workspaces, service);
    if (!workspace) continue; // no such service: the catalog check names it
    expected.set(
      `${WORKFLOWS_DIR}/${service}.yml`,
      renderWorkflow({
        service,
        packageName: workspace.name,
        dependencyFolders: dependencyFolders(workspaces, service),
      }),
    );
  }
  return expected;
}

/** Every workflow that is missing, stale or has no catalog entry, each named (`services`: the catalog's). */
export async function checkWorkflows(root: string, services?: string[]): Promise<string[]> {
  const listed = services ?? (await catalogServices(root));
  const expected = await expectedWorkflows(root, listed);
  const problems: string[] = [];
  for (const [file, content] of expected) {
    const path = join(root, file);
    if (!existsSync(path)) problems.push(`${file} is missing`);
    else if ((await readFile(path, 'utf8')) !== content)
      problems.push(
        `${file} is out of step with the catalog and services/${file.split('/').pop()?.replace('.yml', '')}/package.json`,
      );
  }
  const dir = join(root, WORKFLOWS_DIR);
  const committed = existsSync(dir) ? await readdir(dir) : [];
  const known = new Set(listed);
  for (const file of committed) {
    const name = file.replace(/\.ya?ml$/, '');
    if (file !== name && !known.has(name) && SERVICE_WORKFLOW.test(await readFile(join(dir, file), 'utf8')))
      problems.push(`${WORKFLOWS_DIR}/${file} is the pipeline of ${name}, which the catalog does not list`);
  }
  return problems;
}

/** The marker renderWorkflow writes, so workflows that are not per-service pipelines are left alone. */
const SERVICE_WORKFLOW = /^# [a-z][a-z0-9-]*: its own pipeline\./;

export async function writeWorkflows(root: string): Promise<string[]> {
  await mkdir(join(root, WORKFLOWS_DIR), { recursive: true });
  const expected = await expectedWorkflows(root);
  for (const [file, content] of expected) await writeFile(join(root, file), content);
  return [...expected.keys()];
}
