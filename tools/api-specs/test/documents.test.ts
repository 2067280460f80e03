// The committed API documents are what the code generates; `write` refuses a breaking change that
// keeps the version; a check against a baseline names breaking changes; AsyncAPI documents carry each
// message as its CloudEvents envelope with the contract's schema.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OrderCreated } from '@emporium/contracts';
import { generateAsyncApi } from '../src/asyncapi.js';
import { checkDocuments, writeDocuments } from '../src/documents.js';
import { API_SERVICES } from '../src/service-apps.js';
import { stableJson } from '../src/stable-json.js';

const root = resolve(import.meta.dirname, '../../../..');

describe('committed API documents', () => {
  let copy: string;
  before(async () => {
    copy = await mkdtemp(join(tmpdir(), 'api-specs-'));
    for (const file of ['package.json', 'openapi.json', 'asyncapi.json']) {
      await mkdir(join(copy, 'services/orders'), { recursive: true });
      await cp(join(root, 'services/orders', file), join(copy, 'services/orders', file));
    }
  });
  after(() => rm(copy, { recursive: true, force: true }));

  it('match what the route schemas and contracts generate, for every service and the gateway', async () => {
    assert.deepEqual(await checkDocuments(root, API_SERVICES), []);
  });

  it('names a committed document that differs from the code, and where', async () => {
    const file = join(copy, 'services/orders/openapi.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    delete doc.paths['/v1/orders/{id}/ship'];
    await writeFile(file, stableJson(doc));
    const problems = await checkDocuments(copy, ['orders']);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^services\/orders\/openapi\.json differs from the code: paths \/v1\/orders\/\{id\}\/ship/,
    );
  });

  it('refuses to write a breaking change unless the service version changes', async () => {
    const file = join(copy, 'services/orders/openapi.json');
    const doc = JSON.parse(await readFile(join(root, 'services/orders/openapi.json'), 'utf8'));
    doc.paths['/v1/orders/{id}/refunds'] = { post: { responses: { '202': { description: 'accepted' } } } };
    await writeFile(file, stableJson(doc));
    await assert.rejects(writeDocuments(copy, ['orders']), /\/v1\/orders\/\{id\}\/refunds: path removed/);
    assert.ok((await readFile(file, 'utf8')).includes('/refunds'), 'the committed file is left as it was');

    const pkgFile = join(copy, 'services/orders/package.json');
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8'));
    await writeFile(pkgFile, JSON.stringify({ ...pkg, version: '1.0.0' }));
    await writeDocuments(copy, ['orders']);
    const written = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(written.info.version, '1.0.0');
    assert.equal(written.paths['/v1/orders/{id}/refunds'], undefined);
    await writeFile(pkgFile, JSON.stringify(pkg));
  });

  it('names breaking changes against a baseline (the target branch) that kept the version', async () => {
    const baseline = await mkdtemp(join(tmpdir(), 'api-specs-baseline-'));
    try {
      await mkdir(join(baseline, 'services/orders'), { recursive: true });
      const doc = JSON.parse(await readFile(join(root, 'services/orders/openapi.json'), 'utf8'));
      doc.paths['/v1/orders/{id}/refunds'] = { post: { responses: {} } };
      await writeFile(join(baseline, 'services/orders/openapi.json'), stableJson(doc));
      const problems = await checkDocuments(root, ['orders'], { baselineRoot: baseline });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(
        problems[0] ?? '',
        /breaking changes without a new version .*\/v1\/orders\/\{id\}\/refunds: path removed/,
      );
    } finally {
      await rm(baseline, { recursive: true, force: true });
    }
  });

  it('describes each message as a channel on its subject, with the envelope and the contract schema', async () => {
    const doc = (await generateAsyncApi(root, 'orders')) as unknown as {
      asyncapi: string;
      channels: Record<string, { address: string }>;
      operations: Record<string, { action: string; channel: { $ref: string } }>;
      components: {
        messages: Record<string, { payload: { required: string[]; properties: Record<string, unknown> } }>;
      };
    };
    assert.equal(doc.asyncapi, '3.0.0');
    assert.equal(doc.channels['OrderCreated.v1']?.address, 'emporium.orders.OrderCreated.v1');
    assert.equal(doc.operations.sendOrderCreatedV1?.action, 'send');
    assert.equal(doc.operations.receiveInventoryReservedV1?.action, 'receive');
    assert.equal(doc.channels['InventoryReserved.v1']?.address, 'emporium.inventory.InventoryReserved.v1');
    const payload = doc.components.messages['OrderCreated.v1']?.payload;
    assert.ok(payload?.required.includes('specversion') && payload.required.includes('data'));
    assert.deepEqual(payload?.properties.type, { type: 'string', const: 'emporium.orders.OrderCreated.v1' });
    assert.deepEqual(payload?.properties.data, JSON.parse(JSON.stringify(OrderCreated.schema)));
  });
});
