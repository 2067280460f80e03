#!/usr/bin/env node
// `npm run delivery -- workflows write|check` and `check-image <service>`: the per-service
// pipelines kept in step with the catalog, and the image build file check a pipeline runs.
import { resolve } from 'node:path';
import { checkDockerfile } from './dockerfile-check.js';
import { checkWorkflows, writeWorkflows } from './workflows.js';

const root = resolve(import.meta.dirname, '../../../..');
const USAGE = 'usage: delivery workflows write|check | delivery check-image <service>';

function report(problems: string[], ok: string): number {
  for (const problem of problems) process.stdout.write(`✗ ${problem}\n`);
  if (problems.length === 0) process.stdout.write(`${ok}\n`);
  return problems.length === 0 ? 0 : 1;
}

async function main([command, argument]: string[]): Promise<number> {
  if (command === 'workflows' && argument === 'write') {
    for (const file of await writeWorkflows(root)) process.stdout.write(`wrote ${file}\n`);
    return 0;
  }
  if (command === 'workflows' && argument === 'check')
    return report(await checkWorkflows(root), 'workflows are in step with the catalog');
  if (command === 'check-image' && argument && /^[a-z][a-z0-9-]*$/.test(argument))
    return report(
      await checkDockerfile(root, argument),
      `services/${argument}/Dockerfile builds and starts ${argument} as a non-root user`,
    );
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`delivery failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
