#!/usr/bin/env node
// `npm run contracts`: the consumer tests write their pacts to pacts/, then every provider verifies the
// pacts naming it, then can-i-deploy answers. `npm run contracts -- can-i-deploy` only answers.
// Both test phases run through the test runner, so they get the run's own PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { canIDeploy } from './can-i-deploy.js';
import { ROOT } from './pact-files.js';

const runTests = join(ROOT, 'packages', 'testing', 'dist', 'src', 'run-tests.js');

function phase(title: string, filter: string, env: Record<string, string> = {}): boolean {
  process.stdout.write(`\n== ${title}\n`);
  const run = spawnSync(process.execPath, [runTests, filter], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return run.status === 0;
}

function main(argv: string[]): number {
  if (argv[0] === 'can-i-deploy') return canIDeploy(argv.slice(1));
  if (!phase('consumer tests: writing pacts/', '.consumer.test', { EMPORIUM_PACT_WRITE: '1' })) return 1;
  const verified = phase('provider verification', 'contracts/provider.test');
  process.stdout.write('\n== can-i-deploy\n');
  const answer = canIDeploy(argv);
  return verified ? answer : 1;
}

process.exitCode = main(process.argv.slice(2));
