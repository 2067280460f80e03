import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceApp } from '@emporium/service-kit';
import { freePort } from '@emporium/testing';
import { createTokenIssuer, listen, type PlainUpstream, startGateway, startPlainUpstream } from './harness.js';

const LIMIT = 1024;

function assertProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  assert.equal(response.statusCode, status);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.equal((response.json() as { status: number }).status, status);
}

/** Sends `chunks` as a chunked body, a little apart, and resolves with the status the gateway answered. */
function sendChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' } });
    outgoing.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        if (outgoing.destroyed) return;
        outgoing.write(chunk);
        await sleep(10);
      }
      outgoing.end();
    })();
  });
}

describe('gateway upstream failures', () => {
  let slow: PlainUpstream;
  let sink: PlainUpstream;
  let busy: PlainUpstream;
  let gateway: ServiceApp;
  let base: string;

  before(async () => {
    const { verifier } = await createTokenIssuer();
    slow = await startPlainUpstream(async (recorded, response) => {
      if (recorded.url === '/openapi.json') return void response.writeHead(404).end();
      await sleep(5_000);
      response.end('too late');
    });
    sink = await startPlainUpstream();
    busy = await startPlainUpstream((_recorded, response) => {
      response.writeHead(503, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'warming up' }));
    });
    const down = `http://127.0.0.1:${await freePort()}`;
    gateway = await startGateway({ slow: slow.url, sink: sink.url, busy: busy.url, down }, verifier, {
      UPSTREAM_TIMEOUT_MS: '200',
      BODY_LIMIT_BYTES: String(LIMIT),
    });
    base = await listen(gateway);
  });
  after(async () => {
    await gateway.close();
    await slow.close();
    await sink.close();
    await busy.close();
  });

  it('answers 503 when the upstream refuses connections', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/down/v1/things' });
    assertProblem(response, 503);
    assert.match((response.json() as { detail: string }).detail, /down/);
  });

  it('answers 504 when the upstream does not answer within the timeout', async () => {
    const started = Date.now();
    const response = await gateway.inject({ method: 'GET', url: '/api/slow/v1/things' });
    assertProblem(response, 504);
    // undici checks its headers timeout on a half-second tick, so allow for that.
    assert.ok(Date.now() - started < 4_000, 'the gateway gave up before the upstream answered');
  });

  it("passes an upstream's own 503 through once, without retrying", async () => {
    const before = busy.requests.filter((r) => r.url === '/v1/status').length;
    const response = await gateway.inject({ method: 'GET', url: '/api/busy/v1/status' });
    assert.equal(response.statusCode, 503);
    assert.equal((response.json() as { detail: string }).detail, 'warming up');
    assert.equal(busy.requests.filter((r) => r.url === '/v1/status').length, before + 1);
  });

  for (const { declared, closes } of [
    { declared: LIMIT + 1, closes: false },
    { declared: LIMIT * 16 + 1, closes: true },
  ]) {
    it(`refuses a declared body of ${declared} bytes with 413 before reading it or calling the upstream${closes ? ', closing the connection' : ''}`, async () => {
      // Only the first bytes are sent: the answer must come from the declared length alone.
      const outgoing = httpRequest(`${base}/api/sink/v1/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(declared) },
      });
      outgoing.on('error', () => {}); // the test abandons the upload once answered
      const answered = new Promise<{ status: number; connection?: string; body: string }>((resolve) => {
        outgoing.on('response', (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body }),
          );
        });
      });
      outgoing.write(Buffer.alloc(100));
      const response = await Promise.race([answered, sleep(2_000).then(() => undefined)]);
      outgoing.destroy();
      assert.ok(response, 'the gateway answered before the body was sent');
      assert.equal(response.status, 413);
      // A moderately oversized body is drained so the client can read the 413; a huge one is cut off.
      assert.equal(response.connection === 'close', closes);
      assert.equal((JSON.parse(response.body) as { status: number }).status, 413);
      assert.equal(sink.arrivals.filter((arrival) => arrival === 'POST /v1/uploads').length, 0);
    });
  }

  it('accepts a body of exactly the limit', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/api/sink/v1/exact',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(LIMIT),
    });
    assert.equal(response.statusCode, 200);
    assert.equal(sink.requests.find((r) => r.url === '/v1/exact')?.body.length, LIMIT);
  });

  it('cuts off a chunked body that grows past the limit with 413', async () => {
    const chunks = Array.from({ length: 4 }, () => Buffer.alloc(LIMIT / 2, 'x'));
    const response = await sendChunked(`${base}/api/sink/v1/stream`, chunks);
    assert.equal(response.status, 413);
    assert.equal((JSON.parse(response.body) as { status: number }).status, 413);
    assert.equal(sink.requests.filter((r) => r.url === '/v1/stream').length, 0, 'the upstream got no complete body');
  });

  it('streams a chunked body within the limit to the upstream', async () => {
    const chunks = [Buffer.from('part one, '), Buffer.from('part two')];
    const response = await sendChunked(`${base}/api/sink/v1/chunked`, chunks);
    assert.equal(response.status, 200);
    assert.equal(sink.requests.find((r) => r.url === '/v1/chunked')?.body.toString(), 'part one, part two');
  });
});
