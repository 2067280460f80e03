import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import {
  createTokenIssuer,
  type KitUpstream,
  listen,
  type PlainUpstream,
  startGateway,
  startKitUpstream,
  startPlainUpstream,
} from './harness.js';

/** A raw HTTP/1.1 request, so the test controls exactly which headers go on the wire. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('gateway proxying', () => {
  let echo: PlainUpstream;
  let shop: KitUpstream;
  let gateway: ServiceApp;
  let base: string;

  before(async () => {
    const { verifier } = await createTokenIssuer();
    echo = await startPlainUpstream((recorded, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        connection: 'keep-alive, x-upstream-hop',
        'keep-alive': 'timeout=99',
        'x-upstream-hop': 'secret',
        'x-upstream-end': 'kept',
      });
      response.end(JSON.stringify({ headers: recorded.headers, body: recorded.body.toString() }));
    });
    shop = await startKitUpstream(verifier);
    gateway = await startGateway({ echo: echo.url, shop: shop.url }, verifier);
    base = await listen(gateway);
  });
  after(async () => {
    await gateway.close();
    await echo.close();
    await shop.close();
  });

  const seenByUpstream = () => {
    const last = echo.requests.at(-1);
    assert.ok(last, 'the upstream was called');
    return last.headers;
  };

  it('creates a request id, passes it to the upstream and returns it to the client', async () => {
    const response = await fetch(`${base}/api/echo/v1/ping`);
    const id = response.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(seenByUpstream()['x-request-id'], id);
  });

  it('passes a client request id through both ways', async () => {
    const response = await fetch(`${base}/api/echo/v1/ping`, { headers: { 'x-request-id': 'client-id-123' } });
    assert.equal(response.headers.get('x-request-id'), 'client-id-123');
    assert.equal(seenByUpstream()['x-request-id'], 'client-id-123');
  });

  it('tells the upstream who asked, how and where, and sets host to the upstream', async () => {
    await fetch(`${base}/api/echo/v1/ping`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    const headers = seenByUpstream();
    assert.equal(headers['x-forwarded-for'], '203.0.113.7, 127.0.0.1');
    assert.equal(headers['x-forwarded-proto'], 'http');
    assert.equal(headers['x-forwarded-host'], new URL(base).host);
    assert.equal(headers['x-forwarded-prefix'], '/api/echo');
    assert.equal(headers.host, new URL(echo.url).host);
  });

  it('does not forward hop-by-hop request headers', async () => {
    const response = await rawRequest(`${base}/api/echo/v1/upload`, {
      method: 'POST',
      headers: {
        connection: 'keep-alive, x-client-hop',
        'x-client-hop': 'secret',
        'keep-alive': 'timeout=30',
        te: 'trailers',
        trailer: 'x-checksum',
        upgrade: 'h2c',
        'proxy-authorization': 'Basic c2VjcmV0',
        'proxy-connection': 'keep-alive',
        'transfer-encoding': 'chunked',
        'x-client-end': 'kept',
      },
      body: 'hello',
    });
    assert.equal(response.status, 200);
    const headers = seenByUpstream();
    for (const name of [
      'x-client-hop',
      'keep-alive',
      'te',
      'trailer',
      'upgrade',
      'proxy-authorization',
      'proxy-connection',
    ]) {
      assert.equal(headers[name], undefined, `${name} reached the upstream`);
    }
    assert.doesNotMatch(String(headers.connection), /x-client-hop/);
    assert.equal(headers['x-client-end'], 'kept');
    assert.equal(echo.requests.at(-1)?.body.toString(), 'hello');
  });

  it('answers expect: 100-continue itself and forwards the body without the expectation', async () => {
    const response = await rawRequest(`${base}/api/echo/v1/upload`, {
      method: 'POST',
      headers: { expect: '100-continue', 'content-type': 'text/plain' },
      body: 'after continue',
    });
    assert.equal(response.status, 200);
    assert.equal(seenByUpstream().expect, undefined);
    assert.equal(echo.requests.at(-1)?.body.toString(), 'after continue');
  });

  it('does not return hop-by-hop response headers to the client', async () => {
    const response = await rawRequest(`${base}/api/echo/v1/ping`, {});
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-upstream-hop'], undefined);
    assert.notEqual(response.headers['keep-alive'], 'timeout=99');
    assert.doesNotMatch(String(response.headers.connection), /x-upstream-hop/);
    assert.equal(response.headers['x-upstream-end'], 'kept');
  });

  it('passes malformed JSON to the upstream untouched, which answers 400', async () => {
    const posts = () => shop.calls.filter((call) => call === 'POST /v1/items').length;
    const before = posts();
    const response = await fetch(`${base}/api/shop/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "lamp",',
    });
    assert.equal(response.status, 400);
    assert.equal(posts(), before + 1, 'the upstream, not the gateway, answered');
    const problem = (await response.json()) as { instance?: string };
    assert.equal(problem.instance, '/v1/items', 'the problem comes from the upstream');
  });

  it('passes a JSON body to the upstream byte for byte', async () => {
    const body = '{ "name" : "lamp",\n  "price": {"amount": 1999, "currency": "USD"} }';
    const response = await fetch(`${base}/api/echo/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(response.status, 200);
    assert.equal(echo.requests.at(-1)?.body.toString(), body);
    assert.equal(seenByUpstream()['content-type'], 'application/json');
  });
});
