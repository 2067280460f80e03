// `emporium catalog check`: passes on the repository as it is, and names each kind of drift between
// service-catalog.yaml and the code (facts from the real code, then altered one way at a time).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { checkCatalog } from '../src/catalog/check-catalog.js';
import { checkDelivery } from '../src/catalog/check-delivery.js';
import { checkLiveEdges, fetchTopology } from '../src/catalog/check-live.js';
import { checkRunbooks } from '../src/catalog/check-runbooks.js';
import { checkSync } from '../src/catalog/check-sync.js';
import { type CodeFacts, gatherCodeFacts } from '../src/catalog/code-facts.js';
import { readMeshRoutes } from '../src/catalog/mesh-routes.js';
import type { Finding, ServiceCatalog } from '../src/catalog/model.js';

const root = resolve(import.meta.dirname, '../../../..');

function entry(catalog: ServiceCatalog, name: string) {
  const found = catalog.services[name];
  if (!found) throw new Error(`the catalog has no ${name}`);
  return found;
}

describe('catalog check', () => {
  let facts: CodeFacts;
  let catalogText: string;
  before(async () => {
    facts = await gatherCodeFacts(root);
    catalogText = await readFile(join(root, 'service-catalog.yaml'), 'utf8');
  });

  /** Findings of the check on the catalog as `change` leaves it, and on facts as `alter` leaves them. */
  async function findingsWith(
    change: (catalog: ServiceCatalog) => void = () => {},
    alter: (facts: CodeFacts) => void = () => {},
  ): Promise<Finding[]> {
    const catalog = parse(catalogText) as ServiceCatalog;
    change(catalog);
    const altered = {
      ...structuredClone({ ...facts, commands: undefined }),
      commands: facts.commands,
      mesh: facts.mesh,
    };
    alter(altered);
    return (await checkCatalog(root, altered, stringify(catalog))).findings.filter((f) => f.severity === 'error');
  }

  const messages = (findings: Finding[]) => findings.map((f) => `${f.service}: ${f.message}`);

  it('finds no difference between the committed catalog and the code', async () => {
    assert.deepEqual(messages(await findingsWith()), []);
  });

  it('exits 0 from the command line on the real tree', () => {
    const run = spawnSync(process.execPath, [join(root, 'tools/cli/dist/src/main.js'), 'catalog', 'check'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /agrees with the code/);
  });

  it('rejects a catalog that breaks its JSON Schema, naming the field', async () => {
    const findings = await findingsWith((c) => {
      (c.services.orders as { slos: { latency_p99: string } }).slos.latency_p99 = 'fast';
      delete (c.services.users as Partial<ServiceCatalog['services'][string]>).owner;
    });
    assert.ok(findings.some((f) => f.check === 'schema' && f.message.includes('/services/orders/slos/latency_p99')));
    assert.ok(findings.some((f) => f.service === 'users' && f.message.includes('owner')));
  });

  it('names a route the code serves that the committed OpenAPI file does not list, and the reverse', async () => {
    const findings = await findingsWith(undefined, (f) => {
      const paths = f.documents.orders?.openapi?.paths as Record<string, unknown>;
      paths['/v1/orders/{id}/refunds'] = { post: { responses: {} } };
      delete paths['/v1/orders/{id}/ship'];
    });
    assert.deepEqual(messages(findings).sort(), [
      'orders: services/orders/openapi.json lists POST /v1/orders/{id}/ship but the code does not serve it',
      'orders: the code serves POST /v1/orders/{id}/refunds but services/orders/openapi.json does not list it',
    ]);
  });

  it('names a spec path or gateway route that is not the service’s', async () => {
    const findings = await findingsWith((c) => {
      entry(c, 'catalog').api.gateway_route = 'catalog';
      entry(c, 'inventory').api.spec = 'services/orders/openapi.json';
    });
    assert.ok(
      messages(findings).includes(
        'catalog: gateway_route is catalog in the catalog but the gateway routes /api/products/ to it',
      ),
    );
    assert.ok(messages(findings).some((m) => m.startsWith('inventory: api.spec is services/orders/openapi.json')));
  });

  it('names events the catalog lists that the code does not register, and the reverse', async () => {
    const findings = await findingsWith(
      (c) => {
        entry(c, 'payments').events.subscribes.push('OrderCancelled');
        entry(c, 'catalog').events.publishes = entry(c, 'catalog').events.publishes.filter(
          (m) => m !== 'ProductUpdated',
        );
      },
      (f) => (f.messages.users ?? assert.fail('no users')).publishes.push('UserDeleted'),
    );
    const found = messages(findings);
    assert.ok(found.includes('payments: events.subscribes lists OrderCancelled but the code never consumes it'));
    assert.ok(
      found.includes(
        'catalog: the code publishes ProductUpdated (its PUBLISHES list) but events.publishes does not list it',
      ),
    );
    assert.ok(
      found.includes(
        'users: the code publishes UserDeleted (its PUBLISHES list) but events.publishes does not list it',
      ),
    );
  });

  it('names sync dependencies that no setting configures, and configured calls the catalog omits', async () => {
    const findings = await findingsWith((c) => {
      entry(c, 'orders').dependencies.sync = [];
      entry(c, 'inventory').dependencies.sync = ['catalog'];
      entry(c, 'users').dependencies.sync = ['billing'];
    });
    const found = messages(findings);
    assert.ok(found.includes('orders: orders calls catalog (CATALOG_URL) but dependencies.sync does not list it'));
    assert.ok(found.includes('inventory: dependencies.sync lists catalog but no setting of inventory points at it'));
    assert.ok(found.includes('users: dependencies.sync names billing, which is no service or local infrastructure'));
  });

  it('names async dependencies that do not match what a service consumes', async () => {
    const findings = await findingsWith((c) => {
      entry(c, 'notifications').dependencies.async = ['orders', 'payments', 'catalog'];
    });
    const found = messages(findings);
    assert.ok(
      found.some((m) =>
        /^notifications: notifications consumes UserRegistered, UserProfileUpdated from users but dependencies.async does not list users$/.test(
          m,
        ),
      ),
      found.join('\n'),
    );
    assert.ok(
      found.includes(
        'notifications: dependencies.async lists catalog but notifications consumes nothing catalog publishes',
      ),
    );
  });

  it('checks sync dependencies against deploy/istio routes, authorization policies and mesh use once they exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-istio-'));
    try {
      await writeFile(
        join(dir, 'catalog.yaml'),
        [
          'apiVersion: networking.istio.io/v1',
          'kind: VirtualService',
          'metadata: { name: catalog }',
          'spec: { hosts: [catalog.emporium.svc.cluster.local], http: [{ route: [{ destination: { host: catalog } }] }] }',
          '---',
          'apiVersion: networking.istio.io/v1',
          'kind: VirtualService',
          'metadata: { name: search }',
          'spec: { hosts: [search] }',
          '---',
          'apiVersion: security.istio.io/v1',
          'kind: AuthorizationPolicy',
          'metadata: { name: catalog-callers }',
          'spec:',
          '  selector: { matchLabels: { app: catalog } }',
          '  rules: [{ from: [{ source: { principals: [cluster.local/ns/emporium/sa/orders, cluster.local/ns/emporium/sa/analytics] } }] }]',
        ].join('\n'),
      );
      const mesh = await readMeshRoutes(dir);
      assert.ok(mesh);
      const found = messages(await findingsWith(undefined, (f) => (f.mesh = mesh))).filter(
        (m) => m.includes('istio') || m.includes('AuthorizationPolicy'),
      );
      assert.ok(
        found.includes('orders: gateway call orders but deploy/istio has no VirtualService for it'),
        found.join('\n'),
      );
      assert.ok(
        found.includes(
          'search: deploy/istio routes search (catalog.yaml) but no catalog entry declares a sync dependency on it',
        ),
      );
      assert.ok(
        found.includes(
          'catalog: deploy/istio lets analytics call catalog but the catalog does not declare that dependency',
        ),
      );
      assert.ok(
        found.includes(
          'catalog: gateway declares a sync dependency on catalog but its AuthorizationPolicy does not allow gateway',
        ),
      );
      assert.ok(!found.some((m) => m.startsWith('catalog: ') && m.includes('no VirtualService')));
      const direct = { ...facts, mesh, configuredCalls: structuredClone(facts.configuredCalls) };
      for (const call of direct.configuredCalls.orders ?? []) call.viaMesh = false;
      const warnings = checkSync(parse(catalogText) as ServiceCatalog, direct).filter((f) => f.severity === 'warning');
      assert.deepEqual(messages(warnings), [
        'orders: orders reaches catalog directly (CATALOG_URL), bypassing its route in deploy/istio',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a missing runbook, a dependency a runbook omits and a runbook command the CLI does not have', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-runbooks-'));
    try {
      await mkdir(join(dir, 'docs', 'runbooks'), { recursive: true });
      await writeFile(
        join(dir, 'docs', 'runbooks', 'orders.md'),
        '# orders\n\n```sh\nnpm run emporium -- orders 0190c0de-0000-7000-8000-000000000000\nemporium events purge --all\n```\n',
      );
      const catalog = parse(catalogText) as ServiceCatalog;
      const found = messages(await checkRunbooks(dir, catalog, facts));
      assert.ok(found.includes('users: runbook docs/runbooks/users.md does not exist'));
      assert.ok(
        found.includes(
          'orders: docs/runbooks/orders.md tells to run `emporium events purge --all`, which the CLI does not have',
        ),
      );
      assert.ok(!found.some((m) => m.includes('orders 0190c0de')));
      assert.ok(
        found.includes('orders: docs/runbooks/orders.md does not mention catalog, a dependency the catalog declares'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a service whose pipeline or image file is out of step with the catalog', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-delivery-'));
    try {
      await mkdir(join(dir, 'services', 'inventory'), { recursive: true });
      await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
      await writeFile(
        join(dir, 'services/inventory/package.json'),
        await readFile(join(root, 'services/inventory/package.json')),
      );
      const dockerfile = await readFile(join(root, 'services/inventory/Dockerfile'), 'utf8');
      await writeFile(join(dir, 'services/inventory/Dockerfile'), dockerfile.replace('USER node', 'USER root'));
      await writeFile(join(dir, '.github/workflows/search.yml'), '# search: its own pipeline. Old\nname: search\n');
      const catalog = parse(catalogText) as ServiceCatalog;
      const found = messages(
        await checkDelivery(dir, { ...catalog, services: { inventory: entry(catalog, 'inventory') } }),
      );
      assert.deepEqual(found, [
        'inventory: services/inventory/Dockerfile: the runtime stage does not switch to a non-root USER',
        'inventory: .github/workflows/inventory.yml is missing (npm run delivery -- workflows write)',
        'search: .github/workflows/search.yml is the pipeline of search, which the catalog does not list (npm run delivery -- workflows write)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names an observed edge nobody declared, and warns of a declared call never seen', async () => {
    const catalog = parse(catalogText) as ServiceCatalog;
    const findings = checkLiveEdges(
      catalog,
      [
        { from: 'gateway', to: 'orders', kind: 'http', observed: true },
        { from: 'orders', to: 'payments', kind: 'http', observed: true },
        { from: 'orders', to: 'inventory', kind: 'message', observed: true },
        { from: 'users', to: 'orders', kind: 'message', observed: true },
      ],
      '15m',
    );
    const errors = findings.filter((f) => f.severity === 'error').map((f) => f.message);
    assert.deepEqual(errors, [
      'traces of the last 15m show orders → payments (http), which dependencies.sync of orders does not declare',
      'traces of the last 15m show users → orders (message), which dependencies.async of orders does not declare',
    ]);
    const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.message);
    assert.ok(warnings.includes('orders → catalog (http) is declared but was not seen in traces of the last 15m'));
    assert.ok(!warnings.some((w) => w.startsWith('gateway → orders')));
  });

  it('reads the edges from the collector with the admin token, and fails clearly when it refuses', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      const ok = req.headers.authorization === 'Bearer admin-token';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? { nodes: [], edges: [{ from: 'gateway', to: 'orders', kind: 'http', declared: true, observed: true }] }
            : { title: 'Unauthorized' },
        ),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const edges = await fetchTopology(base, 'admin-token', '15m');
      assert.deepEqual(
        edges.map((e) => `${e.from}>${e.to}`),
        ['gateway>orders'],
      );
      assert.deepEqual(seen, ['/v1/topology?window=15m Bearer admin-token']);
      await assert.rejects(
        fetchTopology(base, 'customer-token', '5m'),
        /the collector answered 401 to .*\/v1\/topology\?window=5m/,
      );
    } finally {
      server.close();
    }
  });
});
