import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestTokens } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';
import { conflict, createPool, createService, createTokenVerifier, type ServiceApp, Type } from '../src/index.js';

describe('service kit: server, errors and access levels', () => {
  let app: ServiceApp;
  let sign: (roles: string[]) => Promise<string>;

  before(async () => {
    const tokens = await createTestTokens();
    const verifier = createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens);
    sign = (roles) => tokens.token({ roles, subject: 'u1' });
    // A pool pointing at a closed port: readiness must report the database down, not hang or crash.
    const pool = createPool('postgres://nobody@127.0.0.1:1/none', 1);
    app = await createService({ name: 'kit-test', version: 'v1', logLevel: 'silent', verifier, pool, bodyLimit: 1024 });
    app.post(
      '/things',
      { config: { auth: 'public' }, schema: { body: Type.Object({ name: Type.String({ minLength: 2 }) }) } },
      async (request) => ({ got: request.body.name }),
    );
    app.get(
      '/count',
      { config: { auth: 'public' }, schema: { querystring: Type.Object({ n: Type.Integer({ default: 1 }) }) } },
      async (request) => ({ n: request.query.n }),
    );
    app.post(
      '/amount',
      { config: { auth: 'public' }, schema: { body: Type.Object({ amount: Type.Integer() }) } },
      async (request) => ({ amount: request.body.amount }),
    );
    app.get('/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('secret internal detail');
    });
    app.get('/taken', { config: { auth: 'public' } }, async () => {
      throw conflict('That name is taken');
    });
    app.get('/mine', { schema: {} }, async (request) => ({ user: request.principal?.userId }));
    app.get('/admin-only', { config: { auth: 'admin' }, schema: {} }, async () => ({ ok: true }));
  });
  after(() => app.close());

  const isProblem = (res: { headers: Record<string, unknown> }) =>
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);

  it('answers a schema violation with 400 problem+json listing each field', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', extra: 1 } });
    assert.equal(res.statusCode, 400);
    isProblem(res);
    assert.equal(res.json().errors[0].path, 'body/name');
    const missing = await app.inject({ method: 'POST', url: '/things', payload: {} });
    assert.equal(missing.json().errors[0].path, 'body/name');
  });

  it('coerces query strings to their types but takes JSON bodies as sent', async () => {
    assert.deepEqual((await app.inject({ url: '/count?n=7' })).json(), { n: 7 });
    assert.deepEqual((await app.inject({ url: '/count' })).json(), { n: 1 });
    assert.equal((await app.inject({ url: '/count?n=seven' })).statusCode, 400);
    const asText = await app.inject({ method: 'POST', url: '/amount', payload: { amount: '1299' } });
    assert.equal(asText.statusCode, 400);
    assert.equal(asText.json().errors[0].path, 'body/amount');
    assert.deepEqual((await app.inject({ method: 'POST', url: '/amount', payload: { amount: 1299 } })).json(), {
      amount: 1299,
    });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(res.statusCode, 400);
    isProblem(res);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(2000) } });
    assert.equal(res.statusCode, 413);
    isProblem(res);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await app.inject({ url: '/nowhere' });
    assert.equal(res.statusCode, 404);
    isProblem(res);
    assert.equal(res.json().instance, '/nowhere');
  });

  it('maps domain errors once, and hides internals of unexpected ones', async () => {
    const taken = await app.inject({ url: '/taken' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().detail, 'That name is taken');
    const boom = await app.inject({ url: '/boom' });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.body.includes('secret internal detail'), false);
    assert.equal(boom.body.includes('at '), false, 'no stack trace in the body');
  });

  it('passes a valid x-request-id through and makes one otherwise', async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const made = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('requires a token by default, and the admin role where declared', async () => {
    assert.equal((await app.inject({ url: '/mine' })).statusCode, 401);
    const customer = await sign(['customer']);
    const mine = await app.inject({ url: '/mine', headers: { authorization: `Bearer ${customer}` } });
    assert.deepEqual(mine.json(), { user: 'u1' });
    const denied = await app.inject({ url: '/admin-only', headers: { authorization: `Bearer ${customer}` } });
    assert.equal(denied.statusCode, 403);
    const admin = await sign(['customer', 'admin']);
    assert.equal(
      (await app.inject({ url: '/admin-only', headers: { authorization: `Bearer ${admin}` } })).statusCode,
      200,
    );
    assert.equal((await app.inject({ url: '/mine', headers: { authorization: 'Basic abc' } })).statusCode, 401);
  });

  it('marks protected routes in the OpenAPI document and leaves public ones open', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.paths['/mine'].get.security, [{ bearerAuth: [] }]);
    assert.equal(doc.paths['/things'].post.security, undefined);
    assert.equal(doc.paths['/healthz'], undefined);
  });

  it('names the gateway prefix as the server when called through the gateway', async () => {
    const via = await app.inject({ url: '/openapi.json', headers: { 'x-forwarded-prefix': '/api/things' } });
    assert.deepEqual(via.json().servers, [{ url: '/api/things' }]);
    const odd = await app.inject({ url: '/openapi.json', headers: { 'x-forwarded-prefix': 'https://evil.example' } });
    assert.equal(odd.json().servers, undefined);
  });

  it('serves Prometheus metrics with a duration histogram per route and status', async () => {
    const scrape = async () => {
      const res = await app.inject({ url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      return (labels: string) =>
        Number(
          new RegExp(`http_server_request_duration_seconds_count\\{[^}]*${labels}[^}]*\\} (\\d+)`).exec(
            res.body,
          )?.[1] ?? 0,
        );
    };
    const before = await scrape();
    await app.inject({ url: '/count?n=2' });
    await app.inject({ url: '/count?n=nope' });
    await app.inject({ url: '/no/such/path' });
    const after = await scrape();
    const grew = (labels: string) => after(labels) - before(labels);
    assert.equal(grew('method="GET",route="/count",status_code="200"'), 1);
    assert.equal(grew('method="GET",route="/count",status_code="400"'), 1);
    assert.equal(grew('method="GET",route="unmatched",status_code="404"'), 1);
    const body = (await app.inject({ url: '/metrics' })).body;
    assert.match(body, /process_cpu_user_seconds_total/);
  });

  it('is alive but not ready while its database is unreachable', async () => {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.match(ready.json().detail, /database/);
  });
});
