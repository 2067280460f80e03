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
  type TokenIssuer,
  tamper,
} from './harness.js';

describe('gateway token check', () => {
  let issuer: TokenIssuer;
  let shop: KitUpstream;
  let legacy: PlainUpstream;
  let gateway: ServiceApp;

  before(async () => {
    issuer = await createTokenIssuer();
    shop = await startKitUpstream(issuer.verifier);
    // A service without an OpenAPI document: the plain server answers 200 with non-OpenAPI JSON.
    legacy = await startPlainUpstream();
    gateway = await startGateway({ shop: shop.url, legacy: legacy.url }, issuer.verifier);
  });
  after(async () => {
    await gateway.close();
    await shop.close();
    await legacy.close();
  });

  const served = (path: string) => shop.calls.filter((call) => call === `GET ${path}`).length;

  function assertUnauthorizedProblem(response: Awaited<ReturnType<ServiceApp['inject']>>) {
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.headers['www-authenticate'], 'Bearer');
    assert.equal(response.json().status, 401);
  }

  it('refuses a tampered token with 401 and never reaches the service', async () => {
    const token = tamper(await issuer.token());
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/items/7',
      headers: { authorization: `Bearer ${token}` },
    });
    assertUnauthorizedProblem(response);
    assert.equal(served('/v1/items/7'), 0);
  });

  it('refuses an expired token with 401, even on a public route', async () => {
    const token = await issuer.token({ expiresAt: Math.floor(Date.now() / 1000) - 60 });
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/items/8',
      headers: { authorization: `Bearer ${token}` },
    });
    assertUnauthorizedProblem(response);
    assert.match(response.json().detail, /expired/);
    assert.equal(served('/v1/items/8'), 0);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/items/9',
      headers: { authorization: 'Basic YWRhOnNlY3JldA==' },
    });
    assertUnauthorizedProblem(response);
    assert.equal(served('/v1/items/9'), 0);
  });

  it('refuses a request without a token to a protected route, without reaching the service', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/shop/v1/orders/1?expand=items' });
    assertUnauthorizedProblem(response);
    assert.equal(
      shop.calls.some((call) => call.startsWith('GET /v1/orders/1')),
      false,
    );
  });

  it('forwards a request without a token to a public route', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/shop/v1/items/10?colour=red' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { id: '10', query: { colour: 'red' } });
  });

  it('forwards a valid token to a protected route, where the service verifies it again', async () => {
    const token = await issuer.token();
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/shop/v1/orders/2',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().id, '2');
    assert.match(response.json().user_id, /^[0-9a-f-]{36}$/);
  });

  it('reads the service document once and reuses it within its TTL', async () => {
    await gateway.inject({ method: 'GET', url: '/api/shop/v1/orders/3' });
    await gateway.inject({ method: 'GET', url: '/api/shop/v1/orders/4' });
    assert.equal(served('/openapi.json'), 1);
  });

  it('forwards a token-less request when the service publishes no usable document', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/legacy/v1/anything' });
    assert.equal(response.statusCode, 200);
    assert.ok(legacy.requests.some((request) => request.url === '/v1/anything'));
  });
});
