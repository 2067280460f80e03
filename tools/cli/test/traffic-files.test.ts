// The pieces of `--canary` and `emporium traffic` that need no running shop: parsing, canary processes,
// and rewriting a VirtualService file in place without losing its comments or the other resources.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { canarySpecs, parseCanaries } from '../src/canaries.js';
import { parseWeights } from '../src/commands/traffic.js';
import { routeSubsets, writeFault, writeWeights } from '../src/runtime/virtual-service-file.js';
import { SERVICES } from '../src/services.js';

const ISTIO = resolve(import.meta.dirname, '../../../../deploy/istio');

describe('canaries and traffic files', () => {
  it('parses canaries and gives each its own process, port and version on the service database', () => {
    const [orders] = canarySpecs(parseCanaries('orders=v2'), SERVICES);
    assert.equal(orders?.name, 'orders-v2');
    assert.equal(orders?.instanceOf, 'orders');
    assert.equal(orders?.version, 'v2');
    assert.equal(orders?.portOffset, 44);
    assert.throws(() => parseCanaries('orders'), /service=version/);
    assert.throws(() => canarySpecs(parseCanaries('nothing=v2'), SERVICES), /no service named nothing/);
    assert.throws(() => canarySpecs(parseCanaries('orders=v1'), SERVICES), /v1 is the stable version/);
    assert.throws(() => canarySpecs(parseCanaries('orders=v2,orders=v3'), SERVICES), /one canary per service/);
  });

  it('accepts whole percentages that add up to 100', () => {
    assert.deepEqual(parseWeights('90/10'), [90, 10]);
    assert.throws(() => parseWeights('90/20'), /add up to 100 \(90\/20 adds up to 110\)/);
    assert.throws(() => parseWeights('ninety/10'), /whole percentages/);
  });

  it('rewrites weights and faults in place, keeping comments and the other resources', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'traffic-files-'));
    try {
      await copyFile(join(ISTIO, 'orders.yaml'), join(dir, 'orders.yaml'));
      const original = await readFile(join(dir, 'orders.yaml'), 'utf8');
      assert.deepEqual(await routeSubsets(dir, 'orders'), ['v1', 'v2']);
      await writeWeights(dir, 'orders', [90, 10]);
      await writeFault(dir, 'orders', { abort: { percent: 5, status: 503 } });
      const text = await readFile(join(dir, 'orders.yaml'), 'utf8');
      assert.ok(text.startsWith(original.split('\n')[0] ?? ''), 'the leading comment stays');
      const documents = parseAllDocuments(text).map((d) => d.toJS());
      assert.deepEqual(
        documents.map((d) => d.kind),
        ['VirtualService', 'DestinationRule', 'AuthorizationPolicy'],
      );
      const http = documents[0].spec.http[0];
      assert.deepEqual(
        http.route.map((r: { weight: number }) => r.weight),
        [90, 10],
      );
      assert.deepEqual(http.fault, { abort: { percentage: { value: 5 }, httpStatus: 503 } });
      await writeFault(dir, 'orders', { abort: null, delay: null });
      const cleared = parseAllDocuments(await readFile(join(dir, 'orders.yaml'), 'utf8'))[0]?.toJS();
      assert.equal(cleared.spec.http[0].fault, undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
