// Reading Istio resources: the repository's deploy/istio files load cleanly and allow exactly the
// callers the service catalog declares; wrong values are refused; fields the mesh does not implement
// are named, also by the real process at start.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { loadMeshConfig, parseMeshConfig } from '../src/istio/load.js';
import { both, destinationRule, virtualService } from './support/istio-yaml.js';
import { startMesh } from './support/mesh-process.js';

const root = resolve(import.meta.dirname, '../../../..');
const deployDir = join(root, 'deploy/istio');

const errorsOf = (yaml: string) => parseMeshConfig([['x.yaml', yaml]]).findings.errors;
const routeErrors = (options: Parameters<typeof virtualService>[1]) =>
  errorsOf(both(virtualService('a', options), destinationRule('a')));

describe('Istio resources', () => {
  it('loads deploy/istio without errors, naming only the Istio-only security resources', async () => {
    const config = await loadMeshConfig(deployDir);
    assert.deepEqual(config.findings.errors, []);
    assert.ok(config.findings.unsupported.every((u) => /PeerAuthentication|AuthorizationPolicy/.test(u)));
    const catalog = config.services.get('catalog');
    assert.equal(catalog?.route.retries.attempts, 2);
    assert.deepEqual([...(catalog?.route.retries.conditions ?? [])].sort(), [
      '5xx',
      'connect-failure',
      'gateway-error',
      'reset',
    ]);
    assert.equal(catalog?.destination.outlier?.consecutive5xxErrors, 5);
  });

  it('allows each service only the synchronous callers service-catalog.yaml declares', async () => {
    const catalog = parseYaml(await readFile(join(root, 'service-catalog.yaml'), 'utf8')) as {
      services: Record<string, { dependencies: { sync: string[] } }>;
    };
    const expected = new Map<string, string[]>();
    for (const [caller, entry] of Object.entries(catalog.services))
      for (const callee of entry.dependencies.sync)
        expected.set(callee, [...(expected.get(callee) ?? []), caller].sort());
    const allowed = new Map<string, string[]>();
    const openToAll: string[] = [];
    const config = await loadMeshConfig(deployDir);
    for (const file of config.files) {
      for (const document of parseAllDocuments(await readFile(join(deployDir, file), 'utf8'))) {
        const value = document.toJS() as {
          kind: string;
          spec: {
            selector: { matchLabels: { app: string } };
            rules: Array<{
              from?: Array<{ source: { principals: string[] } }>;
              to?: Array<{ operation: { methods: string[]; paths: string[] } }>;
            }>;
          };
        };
        if (value?.kind !== 'AuthorizationPolicy') continue;
        const principals = value.spec.rules.flatMap((r) => (r.from ?? []).flatMap((f) => f.source.principals));
        allowed.set(value.spec.selector.matchLabels.app, principals.map((p) => p.split('/sa/')[1] ?? p).sort());
        // A rule open to every caller may only be the public key set that every service reads.
        for (const open of value.spec.rules.filter((r) => !r.from))
          openToAll.push(`${value.spec.selector.matchLabels.app} ${JSON.stringify(open.to)}`);
      }
    }
    assert.deepEqual(Object.fromEntries(allowed), Object.fromEntries(expected));
    assert.deepEqual(openToAll, ['users [{"operation":{"methods":["GET"],"paths":["/.well-known/jwks.json"]}}]']);
    for (const host of expected.keys()) assert.ok(config.services.has(host), `${host} has a VirtualService`);
  });

  it('refuses wrong values, naming the file, the resource and the field', () => {
    assert.deepEqual(routeErrors({ weights: { v1: 70, v2: 20 } }), [
      'x.yaml VirtualService a: spec.http[0].route weights must add up to 100 (they add up to 90)',
    ]);
    assert.match(routeErrors({ timeout: 'soon' }).join(), /spec\.http\[0\]\.timeout must be a duration/);
    assert.match(
      routeErrors({ retries: { attempts: 2, retryOn: '5xx,sometimes' } }).join(),
      /retryOn has an unknown condition "sometimes"/,
    );
    assert.match(routeErrors({ weights: { v3: 100 } }).join(), /subset "v3" of a is not defined/);
    assert.match(errorsOf('kind: [\n').join(), /^x\.yaml#1: /);
    const pool = `    connectionPool:\n      tcp:\n        maxConnections: -1\n`;
    assert.match(errorsOf(destinationRule('a', pool)).join(), /maxConnections must be an integer from 1/);
  });

  it('names the fields and kinds it does not apply', () => {
    const config = parseMeshConfig([
      [
        'x.yaml',
        `${both(
          virtualService('a', {
            extra: '      mirror:\n        host: b\n      corsPolicy:\n        allowOrigins: []\n',
          }),
          destinationRule('a', '    loadBalancer:\n      simple: RANDOM\n'),
        )}---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: edge\nspec: {}\n`,
      ],
    ]);
    assert.deepEqual(config.findings.errors, []);
    assert.deepEqual(config.findings.unsupported, [
      'x.yaml VirtualService a: spec.http[0].mirror',
      'x.yaml VirtualService a: spec.http[0].corsPolicy',
      'x.yaml DestinationRule a: spec.trafficPolicy.loadBalancer',
      'x.yaml Gateway edge: kind Gateway networking.istio.io/v1 (not applied by the local mesh)',
    ]);
  });

  it('names unsupported fields in its log at start, and refuses to start on errors', async () => {
    const mesh = await startMesh(
      { 'a.yaml': both(virtualService('a', { extra: '      mirror:\n        host: b\n' }), destinationRule('a')) },
      { a: [{ url: 'http://127.0.0.1:9' }] },
    );
    try {
      assert.match(
        mesh.output(),
        /not applied by the local mesh \(unsupported\):[\s\S]*a\.yaml VirtualService a: spec\.http\[0\]\.mirror/,
      );
    } finally {
      await mesh.stop();
    }
    await assert.rejects(
      startMesh({ 'a.yaml': both(virtualService('a', { timeout: 'soon' }), destinationRule('a')) }, { a: [] }),
      /exited with 1:[\s\S]*spec\.http\[0\]\.timeout must be a duration/,
    );
  });
});
