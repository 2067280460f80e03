// deploy/kubernetes stays what deploy/istio, the service catalog and the services assume: a Deployment,
// Service and ServiceAccount per catalog entry, labelled for the DestinationRules' subsets, named as the
// VirtualServices' hosts, given every setting its config schema requires (read from the compiled
// config modules), probed on routes the service kit serves, and valid against the Kubernetes schemas.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createService, parseConfig, TelemetryConfig } from '@emporium/service-kit';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { minimatch } from 'minimatch';
import { parse, parseAllDocuments } from 'yaml';
import {
  type EnvVar,
  ISTIO_DIR,
  KUBERNETES_DIR,
  type KubeObject,
  named,
  objectsOf,
  parseEnvFile,
  readManifests,
  renderKustomization,
  requiredSettings,
  resolveEnv,
  serviceSettings,
} from '../src/kubernetes.js';
import { catalogServices } from '../src/workflows.js';

const root = resolve(import.meta.dirname, '../../../..');
const kube = join(root, KUBERNETES_DIR);
const NAMESPACE = 'emporium';
/** The telemetry backend's OTLP receiver (deploy/otel/collector.yaml), reached by every service. */
const OTEL_COLLECTOR_HOST = 'otel-collector';
/**
 * Destinations of deploy/istio with nothing behind them on a cluster: `collector` is the local telemetry
 * collector the gateway's console route reads (no image; the console's telemetry pages are local only).
 * The test below checks that no setting names it, so this exception cannot hide a broken call.
 */
const LOCAL_ONLY_DESTINATIONS = new Set(['collector']);

interface CatalogEntry {
  api?: { gateway_route?: string };
  database?: string;
  dependencies?: { sync?: string[] };
}

async function catalog(): Promise<Record<string, CatalogEntry>> {
  return parse(await readFile(join(root, 'service-catalog.yaml'), 'utf8')).services;
}

const base = () => renderKustomization(join(kube, 'base'), { examplesForMissing: true });

async function overlays(): Promise<Array<{ name: string; objects: KubeObject[] }>> {
  const names = (await readdir(join(kube, 'overlays'), { withFileTypes: true })).filter((e) => e.isDirectory());
  return Promise.all(
    names.map(async ({ name }) => ({
      name,
      objects: await renderKustomization(join(kube, 'overlays', name), { examplesForMissing: true }),
    })),
  );
}

async function istio(): Promise<KubeObject[]> {
  const files = (await readdir(join(root, ISTIO_DIR))).filter((f) => f.endsWith('.yaml'));
  return (await Promise.all(files.map((f) => readManifests(join(root, ISTIO_DIR, f))))).flat();
}

function container(deployment: KubeObject) {
  return deployment.spec.template.spec.containers[0];
}

function matches(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** What each setting of a service's Deployment comes to, and what is wrong with them (empty: nothing). */
async function settingsProblems(service: string, objects: KubeObject[]): Promise<string[]> {
  const deployment = named(objects, 'Deployment', service);
  if (!deployment) return [`no Deployment ${service}`];
  const env = (container(deployment).env ?? []) as EnvVar[];
  const values = resolveEnv(env, objects);
  const schema = await serviceSettings(root, service);
  const problems: string[] = [];
  for (const variable of env) {
    const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    if (values.get(variable.name) === undefined && !ref?.optional)
      problems.push(`${variable.name} refers to nothing (${ref?.name}/${ref?.key})`);
    if (!(variable.name in schema.properties) && !(variable.name in TelemetryConfig.properties))
      problems.push(`${variable.name} is no setting of services/${service}/src/config.ts`);
  }
  for (const name of requiredSettings(schema))
    if (!values.get(name)) problems.push(`${name} is required by services/${service}/src/config.ts and not set`);
  const given = Object.fromEntries([...values].filter(([, value]) => value !== undefined));
  try {
    parseConfig(schema as never, given);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!values.get('OTEL_EXPORTER_OTLP_ENDPOINT')) problems.push('OTEL_EXPORTER_OTLP_ENDPOINT not set');
  return problems;
}

/** host[:port] of every URL a Deployment's settings name (UPSTREAMS: each entry's URL). */
function urlsOf(deployment: KubeObject, objects: KubeObject[]): Array<{ setting: string; url: URL }> {
  const found: Array<{ setting: string; url: URL }> = [];
  for (const [setting, value] of resolveEnv(container(deployment).env ?? [], objects)) {
    if (!value) continue;
    const pieces = setting === 'UPSTREAMS' ? value.split(',').map((e) => e.slice(e.indexOf('=') + 1)) : [value];
    for (const piece of pieces) if (/^https?:\/\//.test(piece)) found.push({ setting, url: new URL(piece) });
  }
  return found;
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** The workloads (pod templates or ServiceEntry endpoints) a DestinationRule subset of `host` reaches. */
function subsetEndpoints(objects: KubeObject[], host: string, labels: Record<string, string>): string[] {
  const service = named(objects, 'Service', host);
  if (service)
    return objectsOf(objects, 'Deployment')
      .filter((d) => matches(service.spec.selector, d.spec.template.metadata.labels))
      .filter((d) => matches(labels, d.spec.template.metadata.labels))
      .map((d) => `Deployment ${d.metadata.name}`);
  const entry = objectsOf(objects, 'ServiceEntry').find((e) => e.spec.hosts.includes(fqdn(host)));
  return (entry?.spec.endpoints ?? [])
    .filter((endpoint: { labels?: Record<string, string> }) => matches(labels, endpoint.labels))
    .map((endpoint: { address: string }) => `endpoint ${endpoint.address}`);
}

function fqdn(host: string): string {
  return `${host}.${NAMESPACE}.svc.cluster.local`;
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
};

function validate(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) {
    // Istio's resources have no schema in kubernetes-models; `istioctl analyze` checks them on a cluster.
    assert.match(object.apiVersion, /^networking\.istio\.io\//, `${object.kind} ${object.metadata.name}: no schema`);
    return;
  }
  // The renderer keeps a Secret's data in clear: as stringData, which the API server encodes.
  const data = object.kind === 'Secret' ? { ...object, data: undefined, stringData: object.data } : object;
  new Model(JSON.parse(JSON.stringify(data)) as never).validate();
}

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('has a ServiceAccount, Service and Deployment per catalog service, built from its Dockerfile', async () => {
    const objects = await base();
    const services = await catalogServices(root);
    assert.deepEqual(
      objectsOf(objects, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
      [...services].sort(),
    );
    for (const service of services) {
      const deployment = named(objects, 'Deployment', service);
      const account = named(objects, 'ServiceAccount', service);
      const kubeService = named(objects, 'Service', service);
      assert.ok(deployment && account && kubeService, `${service}: Deployment, ServiceAccount and Service`);
      const dockerfile = await readFile(join(root, 'services', service, 'Dockerfile'), 'utf8');
      const exposed = Number(/^EXPOSE (\d+)$/m.exec(dockerfile)?.[1]);
      assert.match(dockerfile, new RegExp(`^ENV .*\\bPORT=${exposed}\\b`, 'm'), `${service}: ENV PORT = EXPOSE`);
      assert.match(dockerfile, new RegExp(`-t emporium/${service} `), `${service}: the Dockerfile's image name`);

      const pod = deployment.spec.template;
      assert.deepEqual(deployment.spec.selector.matchLabels, { app: service, version: 'v1' });
      assert.ok(matches(deployment.spec.selector.matchLabels, pod.metadata.labels), `${service}: selector`);
      assert.equal(
        pod.metadata.labels['app.kubernetes.io/part-of'],
        'emporium',
        `${service}: scraped by the collector`,
      );
      assert.equal(pod.spec.serviceAccountName, service);
      const main = container(deployment);
      assert.match(main.image, new RegExp(`^emporium/${service}:`));
      assert.deepEqual(main.ports, [{ name: 'http', containerPort: exposed }]);
      assert.ok(main.resources?.requests?.cpu && main.resources?.requests?.memory, `${service}: requests`);
      assert.ok(main.resources?.limits?.memory, `${service}: memory limit`);
      // The image's user is `node`: only a numeric id lets the kubelet check runAsNonRoot.
      assert.equal(pod.spec.securityContext.runAsNonRoot, true);
      assert.ok(Number.isInteger(pod.spec.securityContext.runAsUser) && pod.spec.securityContext.runAsUser > 0);
      assert.equal(main.securityContext.allowPrivilegeEscalation, false);

      assert.deepEqual(kubeService.spec.selector, { app: service }, `${service}: the Service spans every version`);
      assert.ok(
        kubeService.spec.ports.some(
          (p: { name: string; targetPort: string }) => p.name === 'http' && p.targetPort === 'http',
        ),
        `${service}: a port named http (Istio's protocol detection) to the container's`,
      );
    }
  });

  it('is valid against the Kubernetes schemas (kubernetes-models), which do refuse a broken object', async () => {
    const rendered = [await base(), ...(await overlays()).map((o) => o.objects)].flat();
    for (const object of rendered) validate(object);

    const broken = structuredClone(named(await base(), 'Deployment', 'orders') as KubeObject);
    container(broken).ports[0].containerPort = '8080';
    assert.throws(() => validate(broken), /containerPort must be integer/);
    const noSelector = structuredClone(named(await base(), 'Deployment', 'orders') as KubeObject);
    delete noSelector.spec.selector;
    assert.throws(() => validate(noSelector), /selector/);
  });

  it('renders what kubectl kustomize renders', async (t) => {
    if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) {
      t.skip('kubectl is not on PATH');
      return;
    }
    // In a copy, with the example secrets in place of the files a user has not created (as the renderer reads).
    const copy = await mkdtemp(join(tmpdir(), 'kubernetes-'));
    try {
      await cp(kube, copy, { recursive: true });
      for (const file of await readdir(join(copy, 'base/secrets')))
        if (file.endsWith('.env.example') && !existsSync(join(copy, 'base/secrets', file.replace(/\.example$/, ''))))
          await writeFile(
            join(copy, 'base/secrets', file.replace(/\.example$/, '')),
            await readFile(join(copy, 'base/secrets', file)),
          );
      const folders = ['base', ...(await overlays()).map((o) => `overlays/${o.name}`)];
      for (const folder of folders) {
        const output = execFileSync('kubectl', ['kustomize', join(copy, folder)], { encoding: 'utf8' });
        const theirs = parseAllDocuments(output).map((d) => d.toJS() as KubeObject);
        const ours = await renderKustomization(join(kube, folder), { examplesForMissing: true });
        const decoded = theirs.map((o) =>
          o.kind === 'Secret'
            ? {
                ...o,
                type: undefined,
                data: Object.fromEntries(
                  Object.entries(o.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
                ),
              }
            : o,
        );
        const key = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
        const sorted = (list: KubeObject[]) =>
          [...list].sort((a, b) => key(a).localeCompare(key(b))).map((o) => JSON.parse(JSON.stringify(o)));
        assert.deepEqual(sorted(ours), sorted(decoded), folder);
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('sets every setting each config schema requires, with values it accepts, and none it does not know', async () => {
    const objects = await base();
    for (const service of await catalogServices(root))
      assert.deepEqual(await settingsProblems(service, objects), [], service);

    // The same check on broken copies names what is wrong.
    const broken = structuredClone(objects);
    const orders = container(named(broken, 'Deployment', 'orders') as KubeObject);
    orders.env = orders.env.filter((e: EnvVar) => e.name !== 'CATALOG_URL');
    orders.env.push({ name: 'CATALOG_TIMEOUT', value: '5000' });
    const problems = await settingsProblems('orders', broken);
    assert.ok(
      problems.some((p) => p.startsWith('CATALOG_URL is required')),
      problems.join('\n'),
    );
    assert.ok(problems.includes('CATALOG_TIMEOUT is no setting of services/orders/src/config.ts'), problems.join('\n'));
    const secret = named(broken, 'Secret', 'payments-secrets') as KubeObject;
    secret.data = { DATABASE_URL: 'mysql://payments@db/payments' };
    assert.ok((await settingsProblems('payments', broken)).some((p) => /DATABASE_URL/.test(p)));
  });

  it('keeps secrets out of the repository: generated from git-ignored files, with committed examples only', async () => {
    const kustomization = parse(await readFile(join(kube, 'base/kustomization.yaml'), 'utf8'));
    const ignored = (await readFile(join(kube, '.gitignore'), 'utf8'))
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    for (const generator of kustomization.secretGenerator as Array<{ name: string; envs: string[] }>) {
      for (const env of generator.envs) {
        assert.ok(
          ignored.some((pattern) => minimatch(`base/${env}`, pattern)),
          `${env} is git-ignored`,
        );
        const example = parseEnvFile(await readFile(join(kube, 'base', `${env}.example`), 'utf8'));
        assert.ok(
          Object.values(example).every((value) => !/:[^:@/]+@/.test(value) || value.includes('CHANGE_ME')),
          `${env}.example holds placeholders only`,
        );
      }
    }
    // Every service with a database gets its own Secret, and only those.
    const services = await catalog();
    const withDatabase = Object.keys(services).filter((s) => services[s]?.database !== 'none');
    assert.deepEqual(
      (kustomization.secretGenerator as Array<{ name: string }>).map((g) => g.name).sort(),
      withDatabase.map((s) => `${s}-secrets`).sort(),
    );
  });

  it('labels the workloads for every subset the DestinationRules route to; the canary overlay adds v2', async () => {
    const objects = await base();
    const mesh = await istio();
    for (const rule of objectsOf(mesh, 'DestinationRule')) {
      const host: string = rule.spec.host;
      if (LOCAL_ONLY_DESTINATIONS.has(host)) continue;
      const v1 = rule.spec.subsets.find((s: { name: string }) => s.name === 'v1');
      assert.ok(
        subsetEndpoints(objects, host, v1.labels).length > 0,
        `${host}: nothing labelled ${JSON.stringify(v1.labels)}`,
      );
      // The stable subset only: a v2 exists only where a canary overlay adds it.
      for (const subset of rule.spec.subsets.filter((s: { name: string }) => s.name !== 'v1'))
        assert.deepEqual(subsetEndpoints(objects, host, subset.labels), [], `${host}: ${subset.name} in the base`);
    }
    const canaries = await overlays();
    assert.ok(canaries.some((o) => o.name === 'canary-orders'));
    for (const { name, objects: rendered } of canaries) {
      const service = name.replace(/^canary-/, '');
      const rule = named(mesh, 'DestinationRule', service) as KubeObject;
      for (const subset of rule.spec.subsets)
        assert.equal(
          subsetEndpoints(rendered, service, subset.labels).length,
          1,
          `${name}: one Deployment for subset ${subset.name}`,
        );
    }
  });

  it('keeps each canary the stable Deployment but for its name, version, image tag and replicas', async () => {
    const stable = await base();
    for (const { name, objects } of await overlays()) {
      const service = name.replace(/^canary-/, '');
      const canary = structuredClone(named(objects, 'Deployment', `${service}-v2`) as KubeObject);
      const v1 = named(stable, 'Deployment', service) as KubeObject;
      assert.equal(container(canary).image.split(':')[0], container(v1).image.split(':')[0]);
      const versions = resolveEnv(container(canary).env, objects);
      assert.equal(versions.get('SERVICE_VERSION'), 'v2');
      const normal = JSON.stringify(canary, (key, value) => {
        if (key === 'version' && value === 'v2') return 'v1';
        if (key === 'value' && value === 'v2') return 'v1';
        if (key === 'image') return container(v1).image;
        if (key === 'replicas') return v1.spec.replicas;
        return value;
      }).replace(`"name":"${service}-v2"`, `"name":"${service}"`);
      assert.deepEqual(JSON.parse(normal), v1, `${name}: drifted from base/${service}.yaml`);
    }
  });

  it('names every URL setting after a Service or ServiceEntry of the mesh, on a port it serves', async () => {
    const objects = await base();
    const mesh = await istio();
    const routed = new Set(objectsOf(mesh, 'VirtualService').flatMap((v) => v.spec.hosts as string[]));
    const otel = parse(await readFile(join(root, 'deploy/otel/collector.yaml'), 'utf8'));
    const otlpPort = Number(String(otel.receivers.otlp.protocols.http.endpoint).split(':').pop());
    const entries = await catalog();
    const usersPolicy = named(mesh, 'AuthorizationPolicy', 'users') as KubeObject;
    const publicPaths: string[] = usersPolicy.spec.rules.flatMap(
      (rule: { from?: unknown; to?: Array<{ operation: { paths?: string[] } }> }) =>
        rule.from ? [] : (rule.to ?? []).flatMap((t) => t.operation.paths ?? []),
    );
    for (const deployment of objectsOf(objects, 'Deployment')) {
      const service = deployment.metadata.name;
      const reached = new Set<string>();
      for (const { setting, url } of urlsOf(deployment, objects)) {
        const where = `${service} ${setting}=${url.href}`;
        assert.ok(!LOCAL_ONLY_DESTINATIONS.has(url.hostname), `${where}: local only`);
        if (url.hostname === OTEL_COLLECTOR_HOST) {
          assert.equal(setting, 'OTEL_EXPORTER_OTLP_ENDPOINT', where);
          assert.equal(portOf(url), otlpPort, `${where}: the collector's OTLP/HTTP port`);
          continue;
        }
        assert.ok(routed.has(url.hostname), `${where}: a VirtualService in ${ISTIO_DIR} routes it`);
        const kubeService = named(objects, 'Service', url.hostname);
        const entry = objectsOf(objects, 'ServiceEntry').find((e) => e.spec.hosts.includes(fqdn(url.hostname)));
        const ports: Array<{ name: string; port?: number; number?: number }> =
          kubeService?.spec.ports ?? entry?.spec.ports ?? [];
        assert.ok(ports.length > 0, `${where}: no Service or ServiceEntry`);
        const port = ports.find((p) => (p.port ?? p.number) === portOf(url));
        assert.ok(port && /^http(-|$)/.test(port.name), `${where}: a port named http`);
        reached.add(url.hostname);
      }
      // The calls the catalog declares are the ones the settings make, besides the key set every service that
      // checks tokens reads from users (open to every workload: the users AuthorizationPolicy's public path).
      const expected = new Set(
        (entries[service]?.dependencies?.sync ?? []).filter((d) => !LOCAL_ONLY_DESTINATIONS.has(d)),
      );
      const jwks = resolveEnv(container(deployment).env, objects).get('JWKS_URL');
      if (jwks) {
        assert.equal(new URL(jwks).hostname, 'users', `${service}: JWKS_URL`);
        assert.ok(publicPaths.includes(new URL(jwks).pathname), `${service}: JWKS_URL is a path open to all`);
        expected.add('users');
      }
      assert.deepEqual([...reached].sort(), [...expected].sort(), `${service}: sync dependencies`);
    }
    // The gateway routes every catalog entry's gateway_route to that service.
    const gateway = resolveEnv(container(named(objects, 'Deployment', 'gateway') as KubeObject).env, objects);
    const upstreams = Object.fromEntries(
      (gateway.get('UPSTREAMS') ?? '').split(',').map((e) => e.split('=') as [string, string]),
    );
    const routes = Object.entries(entries).filter(([, e]) => e.api?.gateway_route);
    assert.deepEqual(
      upstreams,
      Object.fromEntries(routes.map(([name, e]) => [e.api?.gateway_route, `http://${name}`])),
    );
  });

  it('runs every caller an AuthorizationPolicy allows under a ServiceAccount of that name', async () => {
    const objects = await base();
    const policies = objectsOf(await istio(), 'AuthorizationPolicy');
    assert.ok(policies.length > 0);
    for (const policy of policies) {
      const principals: string[] = policy.spec.rules.flatMap(
        (rule: { from?: Array<{ source: { principals?: string[] } }> }) =>
          (rule.from ?? []).flatMap((f) => f.source.principals ?? []),
      );
      for (const principal of principals) {
        const [, namespace, account] = /^cluster\.local\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal) ?? [];
        assert.equal(namespace, NAMESPACE, principal);
        assert.equal(named(objects, 'ServiceAccount', account ?? '')?.metadata.namespace, NAMESPACE, principal);
        assert.ok(
          objectsOf(objects, 'Deployment').some((d) => d.spec.template.spec.serviceAccountName === account),
          `${principal}: a workload runs as it`,
        );
      }
      if (!LOCAL_ONLY_DESTINATIONS.has(policy.metadata.name) && named(objects, 'Service', policy.metadata.name)) {
        const selector = policy.spec.selector.matchLabels;
        assert.ok(
          objectsOf(objects, 'Deployment').some((d) => matches(selector, d.spec.template.metadata.labels)),
          `${policy.metadata.name}: the policy selects its workload`,
        );
      }
    }
  });

  it('probes and scrapes each service on routes the service kit serves', async () => {
    const objects = await base();
    const app = await createService({ name: 'probe', version: 'v1', tracing: false, logLevel: 'silent' });
    try {
      for (const service of await catalogServices(root)) {
        const source = await readFile(join(root, 'services', service, 'src/app.ts'), 'utf8');
        assert.match(source, /\bcreateService\(/, `${service} is built on the kit's createService`);
        const main = container(named(objects, 'Deployment', service) as KubeObject);
        for (const probe of [main.readinessProbe, main.livenessProbe]) {
          assert.equal(probe.httpGet.port, 'http', `${service}: probes the http port`);
          const response = await app.inject({ method: 'GET', url: probe.httpGet.path });
          assert.equal(response.statusCode, 200, `${service}: GET ${probe.httpGet.path}`);
        }
        assert.notEqual(main.readinessProbe.httpGet.path, main.livenessProbe.httpGet.path);
        // Marked for the collector's emporium-pods job (Istio's metrics merging rewrites these to :15020).
        const deployment = named(objects, 'Deployment', service) as KubeObject;
        const annotations = deployment.spec.template.metadata.annotations ?? {};
        assert.equal(annotations['prometheus.io/scrape'], 'true', `${service}: marked for scraping`);
        const httpPort = main.ports.find((p: { name: string }) => p.name === 'http').containerPort;
        assert.equal(annotations['prometheus.io/port'], String(httpPort), `${service}: scraped on its http port`);
        const metrics = await app.inject({ method: 'GET', url: annotations['prometheus.io/path'] });
        assert.equal(metrics.statusCode, 200, `${service}: GET ${annotations['prometheus.io/path']}`);
        assert.match(metrics.body, /^# HELP /m, `${service}: ${annotations['prometheus.io/path']} is Prometheus text`);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
