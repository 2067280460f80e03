#!/usr/bin/env node
// `npm run api-specs -- write|check [service...] [--baseline <dir>]`: writes each service's
// openapi.json and asyncapi.json from the code, or checks that the committed ones match it and that a
// breaking change came with a new version (against --baseline: a folder holding the target branch's
// services/<name>/*.json). Exits 1 naming every difference.
import { parseArgs } from 'node:util';
import { checkDocuments, writeDocuments } from './documents.js';
import { REPO_ROOT } from './paths.js';
import { API_SERVICES, type ApiService } from './service-apps.js';

const USAGE = `usage: api-specs write|check [${API_SERVICES.join('|')}...] [--baseline <dir>]`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { baseline: { type: 'string' } },
  });
  const [command, ...names] = positionals;
  const unknown = names.filter((n) => !API_SERVICES.includes(n as ApiService));
  if ((command !== 'write' && command !== 'check') || unknown.length > 0) {
    process.stderr.write(`${USAGE}${unknown.length ? `\nunknown service: ${unknown.join(', ')}` : ''}\n`);
    return 2;
  }
  const services = names.length > 0 ? (names as ApiService[]) : [...API_SERVICES];
  if (command === 'write') {
    for (const file of await writeDocuments(REPO_ROOT, services)) process.stdout.write(`wrote ${file}\n`);
    return 0;
  }
  const problems = await checkDocuments(REPO_ROOT, services, values.baseline ? { baselineRoot: values.baseline } : {});
  for (const problem of problems) process.stdout.write(`✗ ${problem}\n`);
  if (problems.length === 0) process.stdout.write(`API documents of ${services.join(', ')} match the code\n`);
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`api-specs failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
