// The per-service workflows stay in step with the catalog and each service's package graph, and the
// image build file check names what is wrong with a Dockerfile.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { checkDockerfile } from '../src/dockerfile-check.js';
import { catalogServices, checkWorkflows, writeWorkflows } from '../src/workflows.js';
import { dependencyFolders, readWorkspaces } from '../src/workspaces.js';

const root = resolve(import.meta.dirname, '../../../..');

/** A copy of what the checks read: the catalog, workflows, and every workspace's package.json and Dockerfile. */
async function copyTree(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'delivery-'));
  await cp(join(root, 'service-catalog.yaml'), join(dir, 'service-catalog.yaml'));
  await cp(join(root, '.github'), join(dir, '.github'), { recursive: true });
  for (const [, workspace] of await readWorkspaces(root)) {
    await mkdir(join(dir, workspace.dir), { recursive: true });
    await cp(join(root, workspace.dir, 'package.json'), join(dir, workspace.dir, 'package.json'));
    if (workspace.dir.startsWith('services/'))
      await cp(join(root, workspace.dir, 'Dockerfile'), join(dir, workspace.dir, 'Dockerfile'));
  }
  return dir;
}

describe('per-service delivery', () => {
  let copy: string;
  before(async () => {
    copy = await copyTree();
  });
  after(() => rm(copy, { recursive: true, force: true }));

  it('has a committed workflow for every catalog entry, exactly as generated', async () => {
    assert.deepEqual(await checkWorkflows(root), []);
    assert.equal((await catalogServices(root)).length, 8);
  });

  it('filters each pipeline to its service, the packages it builds with and its pacts, never another service', async () => {
    const workspaces = await readWorkspaces(root);
    const orders = dependencyFolders(workspaces, 'orders');
    assert.ok(orders.includes('packages/service-kit') && orders.includes('packages/contracts'));
    assert.ok(!orders.some((folder) => folder.startsWith('services/')), orders.join(', '));
    const workflow = await readFile(join(root, '.github/workflows/orders.yml'), 'utf8');
    assert.match(workflow, /- 'services\/orders\/\*\*'/);
    assert.match(workflow, /- 'pacts\/orders-\*\.json'/);
    assert.match(workflow, /- 'pacts\/\*-orders\.json'/);
    assert.doesNotMatch(workflow, /- 'services\/(?!orders)/);
    assert.match(workflow, /npm run ci -w services\/orders/);
  });

  it('runs only the changed service’s pipeline, plus the pipelines of the pacts a change touches', async () => {
    const filters = new Map<string, string[]>();
    for (const service of await catalogServices(root)) {
      const workflow = parse(await readFile(join(root, `.github/workflows/${service}.yml`), 'utf8'));
      filters.set(service, workflow.on.pull_request.paths);
      assert.deepEqual(workflow.on.push.paths, workflow.on.pull_request.paths);
    }
    const triggered = (file: string) =>
      [...filters].filter(([, paths]) => paths.some((p) => minimatch(file, p, { dot: true }))).map(([s]) => s);
    assert.deepEqual(triggered('services/orders/src/domain/order-saga.ts'), ['orders']);
    assert.deepEqual(triggered('docs/runbooks/payments.md'), ['payments']);
    assert.deepEqual(triggered('pacts/orders-catalog.json').sort(), ['catalog', 'orders']);
    assert.deepEqual(triggered('packages/jobs/src/runner.ts').sort(), ['notifications', 'payments']);
    assert.equal(triggered('packages/service-kit/src/server.ts').length, filters.size);
    assert.deepEqual(triggered('web/src/shop/cart.tsx'), []);
  });

  it('names a workflow that a new package dependency left behind, a missing one and one for an unknown service', async () => {
    const pkgFile = join(copy, 'services/users/package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
    pkg.dependencies['@emporium/jobs'] = '^0.1.0';
    await writeFile(pkgFile, JSON.stringify(pkg, null, 2));
    await rm(join(copy, '.github/workflows/analytics.yml'));
    await writeFile(
      join(copy, '.github/workflows/search.yml'),
      '# search: its own pipeline. Generated\nname: search\n',
    );
    assert.deepEqual((await checkWorkflows(copy)).sort(), [
      '.github/workflows/analytics.yml is missing',
      '.github/workflows/search.yml is the pipeline of search, which the catalog does not list',
      '.github/workflows/users.yml is out of step with the catalog and services/users/package.json',
    ]);
    await writeWorkflows(copy);
    assert.match(await readFile(join(copy, '.github/workflows/users.yml'), 'utf8'), /- 'packages\/jobs\/\*\*'/);
  });

  it('accepts every committed Dockerfile', async () => {
    for (const service of await catalogServices(root))
      assert.deepEqual(await checkDockerfile(root, service), [], service);
  });

  it('names a Dockerfile that runs as root, starts another entry, installs another workspace or is single-stage', async () => {
    const file = join(copy, 'services/payments/Dockerfile');
    const good = await readFile(file, 'utf8');
    await writeFile(
      file,
      good
        .replace('USER node', 'USER root')
        .replace('services/payments/dist/src/main.js', 'services/payments/dist/src/app.js')
        .replaceAll('-w @emporium/payments', '-w @emporium/orders'),
    );
    assert.deepEqual(await checkDockerfile(copy, 'payments'), [
      'services/payments/Dockerfile: the runtime stage does not switch to a non-root USER',
      'services/payments/Dockerfile does not install the workspace @emporium/payments',
      "services/payments/Dockerfile: the image does not start services/payments/dist/src/main.js (its package's main)",
    ]);
    await writeFile(
      file,
      'FROM node:22\nCOPY services/orders services/payments\nUSER node\nCMD ["node", "services/payments/dist/src/main.js"]\n',
    );
    const problems = await checkDockerfile(copy, 'payments');
    assert.ok(problems.includes('services/payments/Dockerfile has 1 stage(s): build and runtime stages are expected'));
    assert.ok(problems.includes('services/payments/Dockerfile: stage FROM node:22 is not node:20-slim'));
    assert.ok(problems.includes('services/payments/Dockerfile refers to services/orders, another service'));
  });
});
