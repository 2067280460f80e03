// The gateway serves the built web apps beside the API: pages with history fallback, hashed assets
// cached for a year, and /api/* untouched (an unknown API path is still a problem+json 404).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import { createTokenIssuer, listen, type PlainUpstream, startGateway, startPlainUpstream } from './harness.js';

function rawStatus(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    httpGet({ hostname, port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

async function writeBuild(root: string): Promise<void> {
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(root, 'admin'));
  await mkdir(join(root, 'console'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>shop</title>');
  await writeFile(join(root, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  await writeFile(join(root, 'console', 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(root, 'assets', 'shop-Bx1q2w3e.js'), 'console.log("shop")');
  await writeFile(join(root, 'robots.txt'), 'User-agent: *');
}

describe('web apps at the gateway', () => {
  let root: string;
  let users: PlainUpstream;
  let gateway: ServiceApp;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'gateway-web-'));
    await writeBuild(root);
    const { verifier } = await createTokenIssuer();
    users = await startPlainUpstream();
    gateway = await startGateway({ users: users.url }, verifier, { WEB_ROOT: root });
  });
  after(async () => {
    await gateway.close();
    await users.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (url: string) => gateway.inject({ method: 'GET', url });

  it('answers / and every shop path with the shop, revalidated on each load', async () => {
    for (const url of ['/', '/p/0190c0de-0000-7000-8000-000000000001', '/cart?x=1', '/account/orders']) {
      const response = await get(url);
      assert.equal(response.statusCode, 200, url);
      assert.match(response.headers['content-type'] as string, /^text\/html/, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.match(response.body, /<title>shop<\/title>/, url);
    }
  });

  it('answers /admin/* with the admin and /console/* with the console (history fallback)', async () => {
    for (const [url, title] of [
      ['/admin', 'admin'],
      ['/admin/orders/42', 'admin'],
      ['/console/', 'console'],
      ['/console/traces/abc', 'console'],
    ] as const) {
      const response = await get(url);
      assert.equal(response.statusCode, 200, url);
      assert.match(response.body, new RegExp(`<title>${title}</title>`), url);
    }
  });

  it('serves hashed assets as immutable for a year, and a missing one as a 404 problem', async () => {
    const asset = await get('/assets/shop-Bx1q2w3e.js');
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(asset.body, 'console.log("shop")');
    const missing = await get('/assets/gone-123.js');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] as string, /^application\/problem\+json/);
    // Sent as is over a socket (inject would resolve the dot segments first): no way out of assets/.
    const outside = await rawStatus(await listen(gateway), '/assets/%2e%2e/index.html');
    assert.equal(outside, 404);
  });

  it('serves top-level files of the build as they are', async () => {
    const robots = await get('/robots.txt');
    assert.equal(robots.statusCode, 200);
    assert.equal(robots.body, 'User-agent: *');
  });

  it('leaves /api/* to the proxy: unknown services and bare /api are problem+json 404s', async () => {
    for (const url of ['/api/nope/v1/things', '/api/', '/api']) {
      const response = await get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/, url);
    }
    const proxied = await get('/api/users/v1/users/me');
    assert.equal(proxied.statusCode, 200);
    assert.equal(users.requests.at(-1)?.url, '/v1/users/me');
  });
});
