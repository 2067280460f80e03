// The image build file check of a service's pipeline: services/<name>/Dockerfile is multi-stage on
// node:20-slim, builds the service's own workspace, runs as a non-root user, and starts the entry
// point the package declares (its `main`, the file the local runtime starts too).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readWorkspaces, serviceWorkspace } from './workspaces.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

export async function checkDockerfile(root: string, service: string): Promise<string[]> {
  const file = `services/${service}/Dockerfile`;
  if (!existsSync(join(root, file))) return [`${file} is missing`];
  const workspace = serviceWorkspace(await readWorkspaces(root), service);
  if (!workspace?.main) return [`services/${service}/package.json has no main entry`];
  const instructions = parseDockerfile(await readFile(join(root, file), 'utf8'));
  const problems: string[] = [];
  const stages = instructions.filter((i) => i.keyword === 'FROM');
  if (stages.length < 2) problems.push(`${file} has ${stages.length} stage(s): build and runtime stages are expected`);
  for (const stage of stages) {
    const image = stage.args.split(/\s+/)[0] ?? '';
    if (
      !/^node:20(\.\d+)*-slim(@sha256:[0-9a-f]{64})?$/.test(image) &&
      !stages.some((s) => s.args.endsWith(` AS ${image}`))
    )
      problems.push(`${file}: stage FROM ${image} is not node:20-slim`);
  }
  const lastFrom = instructions.lastIndexOf(stages.at(-1) as Instruction);
  const runtime = instructions.slice(lastFrom + 1);
  const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args;
  if (!user || /^(root|0)(:.*)?$/.test(user))
    problems.push(`${file}: the runtime stage does not switch to a non-root USER`);
  const text = instructions.map((i) => `${i.keyword} ${i.args}`).join('\n');
  if (
    !text.includes(`-w ${workspace.name}`) &&
    !text.includes(`--workspace ${workspace.name}`) &&
    !text.includes(`--workspace=${workspace.name}`)
  )
    problems.push(`${file} does not install the workspace ${workspace.name}`);
  const entry = `services/${service}/${workspace.main}`;
  const start = runtime.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT').at(-1)?.args ?? '';
  if (!start.includes(entry)) problems.push(`${file}: the image does not start ${entry} (its package's main)`);
  for (const [, other] of text.matchAll(/services\/([a-z][a-z0-9-]*)/g)) {
    if (other !== service) {
      problems.push(`${file} refers to services/${other}, another service`);
      break;
    }
  }
  return problems;
}
