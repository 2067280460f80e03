// `npm test`: starts one throwaway embedded PostgreSQL server for the whole run, then runs every
// workspace's compiled tests with node's test runner, and ends with "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { startEmbeddedPostgres } from '@emporium/local-postgres/embedded';
import { machinePostgresUrl } from './machine-postgres.js';
import { freePort } from './ports.js';

const root = resolve(import.meta.dirname, '../../../..');

async function findTestFiles(filter: string | undefined): Promise<string[]> {
  const testDirs: string[] = [];
  for (const group of ['packages', 'services', 'tools', 'infra']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const pkg of await readdir(groupDir)) testDirs.push(join(groupDir, pkg, 'dist', 'test'));
  }
  // web/dist holds the built apps, so web's Node-side (browser) tests compile to web/dist-test.
  testDirs.push(join(root, 'web', 'dist-test', 'test'));
  const files: string[] = [];
  for (const testDir of testDirs) {
    if (!existsSync(testDir)) continue;
    for (const entry of await readdir(testDir, { recursive: true })) {
      if (entry.endsWith('.test.js')) files.push(join(testDir, entry));
    }
  }
  return files.filter((f) => !filter || relative(root, f).includes(filter)).sort();
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const files = await findTestFiles(filter);
  if (files.length === 0) throw new Error(`no test files found${filter ? ` matching ${filter}` : ''}`);

  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-test-pg-'));
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    superuserPassword: 'test',
    ephemeral: true,
  });
  const machinePg = await machinePostgresUrl();
  if (!machinePg && process.env.CI === 'true') {
    throw new Error('CI=true but the machine PostgreSQL at 127.0.0.1:5432 does not answer');
  }
  const tapFile = join(dataDir, '..', `emporium-tests-${process.pid}.tap`);
  try {
    const code = await new Promise<number>((done) => {
      const child = spawn(
        process.execPath,
        [
          '--test',
          `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=tap',
          `--test-reporter-destination=${tapFile}`,
          ...files,
        ],
        {
          stdio: 'inherit',
          env: {
            ...process.env,
            EMPORIUM_TEST_PG_ADMIN_URL: pg.adminUrl(),
            ...(machinePg ? { EMPORIUM_TEST_MACHINE_PG_URL: machinePg } : {}),
          },
        },
      );
      child.on('exit', (c) => done(c ?? 1));
    });
    const tap = existsSync(tapFile) ? await readFile(tapFile, 'utf8') : '';
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
    // A test cancelled because its suite's set-up failed did not pass: it counts as failed.
    const failed = count('fail') + count('cancelled');
    const skipped = count('skipped');
    process.stdout.write(`\n${count('pass')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
    return failed > 0 && code === 0 ? 1 : code;
  } finally {
    await rm(tapFile, { force: true });
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test run failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
