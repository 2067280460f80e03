// System test of the local mesh: a whole shop from the real CLI, with a canary of orders. An order is
// priced from the catalog and charged at the provider through the mesh (orders → mesh → catalog,
// payments → mesh → payment-provider); `emporium traffic` moves the gateway's traffic to the canary live.
// The mesh does not depend on the infrastructure mode, so this runs on the embedded one only.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRuntime, fetchMetric, type Runtime } from '@emporium/testing';
import { shopClient } from './support/shop-client.js';
import { newCustomer, placeOrder, settled } from './support/shop-flows.js';

const CLI = resolve(import.meta.dirname, '../src/main.js');

function cli(runtime: Runtime, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...runtime.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.once('exit', (code) => done({ code, output }));
  });
}

const meshMetric = (admin: string, name: string, labels: Record<string, string>) =>
  fetchMetric(`${admin}/metrics`, name, labels);

/** How many of `count` sequential gateway requests the canary (v2) answered. */
async function answeredByCanary(gateway: string, count: number): Promise<number> {
  let v2 = 0;
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${gateway}/api/orders/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { version: string };
    assert.equal(response.headers.get('x-service-version'), body.version);
    if (body.version === 'v2') v2 += 1;
  }
  return v2;
}

describe('system: the local mesh, a canary and live traffic shifting (embedded PostgreSQL)', () => {
  let runtime: Runtime;
  let shop: ReturnType<typeof shopClient>;
  let admin: string;

  before(async () => {
    runtime = await createRuntime({ infra: 'embedded', env: { EMPORIUM_CANARIES: 'orders=v2' } });
    await runtime.start();
    shop = shopClient(runtime.gateway);
    const state = JSON.parse(await readFile(join(runtime.dataDir, 'runtime.json'), 'utf8')) as {
      mesh: { admin: string };
    };
    admin = state.mesh.admin;
  });
  after(async () => {
    await runtime?.cleanUp();
  });

  it('places an order priced from the catalog and charged at the provider through the mesh', async () => {
    const catalogBefore = await meshMetric(admin, 'mesh_requests_total', { destination: 'catalog', code: '200' });
    const providerBefore = await meshMetric(admin, 'mesh_requests_total', { destination: 'payment-provider' });
    const customer = await newCustomer(shop, 'mesh');
    const products = await shop.get('/api/products/v1/products?limit=1');
    const productId = products.body.items[0].id as string;
    const placed = await placeOrder(
      shop,
      customer.token,
      [{ product_id: productId, quantity: 1 }],
      'pm_card_visa',
      crypto.randomUUID(),
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const order = await settled(shop, customer.token, placed.body.id);
    assert.equal(order.status, 'confirmed', JSON.stringify(order));
    assert.ok(
      (await meshMetric(admin, 'mesh_requests_total', { destination: 'catalog', code: '200' })) > catalogBefore,
    );
    assert.ok((await meshMetric(admin, 'mesh_requests_total', { destination: 'payment-provider' })) > providerBefore);
  });

  it('runs the canary as version v2 and moves traffic to it with `emporium traffic`', async () => {
    const canary = await runtime.process('orders-v2');
    const health = (await (await fetch(`${canary.url}/healthz`)).json()) as { version: string };
    assert.equal(health.version, 'v2');
    assert.equal(await answeredByCanary(runtime.gateway, 50), 0, 'the files route 100/0 at start');

    const shifted = await cli(runtime, ['traffic', 'orders', '50/50']);
    assert.equal(shifted.code, 0, shifted.output);
    const requests = 200;
    const v2 = await answeredByCanary(runtime.gateway, requests);
    const sd = Math.sqrt(requests * 0.25);
    assert.ok(Math.abs(v2 - requests / 2) <= 5 * sd, `v2 answered ${v2} of ${requests} at 50%`);

    const back = await cli(runtime, ['traffic', 'orders', '100/0']);
    assert.equal(back.code, 0, back.output);
    assert.equal(await answeredByCanary(runtime.gateway, 50), 0);
  });

  it('refuses to send traffic to a version that has no instance', async () => {
    const refused = await cli(runtime, ['traffic', 'catalog', '90/10']);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /catalog has no v2 instance; start one with: emporium up --canary catalog=v2/);
  });
});
