import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import {
  createTokenIssuer,
  type KitUpstream,
  type PlainUpstream,
  startGateway,
  startKitUpstream,
  startPlainUpstream,
} from './harness.js';

describe('gateway docs and CORS', () => {
  let shop: KitUpstream;
  let users: PlainUpstream;
  let gateway: ServiceApp;

  before(async () => {
    const { verifier } = await createTokenIssuer();
    shop = await startKitUpstream(verifier);
    users = await startPlainUpstream();
    gateway = await startGateway({ shop: shop.url, users: users.url }, verifier, {
      CORS_ORIGINS: 'https://shop.example, https://admin.example',
    });
  });
  after(async () => {
    await gateway.close();
    await shop.close();
    await users.close();
  });

  it('serves the API docs page as HTML, configured with every upstream document', async () => {
    const page = await gateway.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /swagger-ui/i);
    const initializer = await gateway.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    assert.equal(initializer.statusCode, 200);
    assert.match(initializer.body, /\{"name":"shop","url":"\/api\/shop\/openapi\.json"\}/);
    assert.match(initializer.body, /\{"name":"users","url":"\/api\/users\/openapi\.json"\}/);
  });

  it('serves each upstream OpenAPI document through the gateway', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/shop/openapi.json' });
    assert.equal(response.statusCode, 200);
    assert.ok(response.json().paths['/v1/orders/{id}']);
  });

  it('answers a preflight itself, without forwarding it', async () => {
    const calls = shop.calls.length;
    const response = await gateway.inject({
      method: 'OPTIONS',
      url: '/api/shop/v1/orders/42',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], 'https://shop.example');
    assert.match(String(response.headers['access-control-allow-methods']), /DELETE/);
    assert.equal(response.headers['access-control-allow-headers'], 'authorization, content-type');
    assert.equal(shop.calls.length, calls);
  });

  it('answers a preflight for a path outside the proxy too', async () => {
    const response = await gateway.inject({
      method: 'OPTIONS',
      url: '/api/docs',
      headers: { origin: 'https://admin.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(response.statusCode, 204);
    assert.equal(response.headers['access-control-allow-origin'], 'https://admin.example');
  });

  it('lets allowed origins read x-request-id and gives other origins no CORS grant', async () => {
    const allowed = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/items/1',
      headers: { origin: 'https://shop.example' },
    });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://shop.example');
    assert.match(String(allowed.headers['access-control-expose-headers']), /x-request-id/);
    assert.match(
      String(allowed.headers['access-control-expose-headers']),
      /idempotent-replayed/,
      'a browser can see a replay',
    );
    const other = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/items/1',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});
