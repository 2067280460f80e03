import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import { createTokenIssuer, listen, type PlainUpstream, startGateway, startPlainUpstream } from './harness.js';

/** GET with the path exactly as given: fetch and inject would resolve dot segments first. */
function getRawPath(base: string, path: string): Promise<{ status: number; contentType?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] });
    }).on('error', reject);
  });
}

describe('gateway routing', () => {
  let users: PlainUpstream;
  let products: PlainUpstream;
  let gateway: ServiceApp;

  before(async () => {
    const { verifier } = await createTokenIssuer();
    users = await startPlainUpstream();
    products = await startPlainUpstream();
    gateway = await startGateway({ users: users.url, products: products.url }, verifier);
  });
  after(async () => {
    await gateway.close();
    await users.close();
    await products.close();
  });

  const lastRequest = (upstream: PlainUpstream) => upstream.requests.at(-1);

  it('sends /api/{service}/{path} to that service as /{path}, query string kept', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/products/v1/products?q=red%20shoe&limit=5' });
    assert.equal(response.statusCode, 200);
    assert.equal(lastRequest(products)?.url, '/v1/products?q=red%20shoe&limit=5');
    assert.equal(users.requests.filter((r) => r.url.startsWith('/v1/products')).length, 0);
  });

  it('forwards every method with its body to the named service', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await gateway.inject({ method, url: '/api/users/v1/users/me', payload: { name: 'Ada' } });
      assert.equal(response.statusCode, 200, method);
      assert.equal(lastRequest(users)?.method, method);
      assert.deepEqual(JSON.parse(lastRequest(users)?.body.toString() ?? ''), { name: 'Ada' });
    }
  });

  it('keeps percent-encoding in the path as the client sent it', async () => {
    await gateway.inject({ method: 'GET', url: '/api/products/v1/products/a%2Fb%20c' });
    assert.equal(lastRequest(products)?.url, '/v1/products/a%2Fb%20c');
  });

  it('answers an unknown service with a 404 problem and forwards nothing', async () => {
    const before = users.arrivals.length + products.arrivals.length;
    const response = await gateway.inject({ method: 'GET', url: '/api/warehouse/v1/things' });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().status, 404);
    assert.match(response.json().detail, /warehouse/);
    assert.equal(users.arrivals.length + products.arrivals.length, before);
  });

  it('refuses a path that climbs out of the service with a 400 problem', async () => {
    const base = await listen(gateway);
    const before = users.arrivals.length;
    for (const path of ['/api/users/%2e%2e/admin', '/api/users/v1/%2E%2E/%2e%2e/secrets']) {
      const response = await getRawPath(base, path);
      assert.equal(response.status, 400, path);
      assert.match(String(response.contentType), /^application\/problem\+json/);
    }
    assert.equal(users.arrivals.length, before);
  });

  it('serves an index naming the docs and the services', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { name: 'emporium', docs: '/api/docs', services: ['users', 'products'] });
  });

  it('is ready while it runs, whatever its upstreams do', async () => {
    await products.close();
    const ready = await gateway.inject({ method: 'GET', url: '/readyz' });
    const healthy = await gateway.inject({ method: 'GET', url: '/healthz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(healthy.statusCode, 200);
  });
});
