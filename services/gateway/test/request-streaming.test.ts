import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import { createTokenIssuer, listen, startGateway } from './harness.js';

/** Resolves with `promise`, or fails the test after `ms` (a buffering gateway would hang instead). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref()),
  ]);
}

/** An upstream that reports each upload's first chunk as it arrives, and how the upload ended. */
function startUploadSink() {
  const firstChunks: Array<(chunk: string) => void> = [];
  const endings: Array<(ending: 'complete' | 'aborted') => void> = [];
  const server: Server = createServer((raw: IncomingMessage, response) => {
    if (raw.url === '/openapi.json') return void response.writeHead(404).end();
    let body = '';
    raw.setEncoding('utf8');
    raw.once('data', (chunk: string) => firstChunks.shift()?.(chunk));
    raw.on('data', (chunk: string) => {
      body += chunk;
    });
    raw.on('end', () => {
      endings.shift()?.('complete');
      response.end(`received ${body.length} bytes`);
    });
    raw.on('close', () => {
      if (!raw.complete) endings.shift()?.('aborted');
    });
  });
  return {
    server,
    nextFirstChunk: () => new Promise<string>((resolve) => firstChunks.push(resolve)),
    nextEnding: () => new Promise<'complete' | 'aborted'>((resolve) => endings.push(resolve)),
  };
}

describe('gateway request streaming', () => {
  const sink = startUploadSink();
  let gateway: ServiceApp;
  let base: string;

  before(async () => {
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const { port } = sink.server.address() as AddressInfo;
    const { verifier } = await createTokenIssuer();
    gateway = await startGateway({ uploads: `http://127.0.0.1:${port}` }, verifier);
    base = await listen(gateway);
  });
  after(async () => {
    await gateway.close();
    sink.server.closeAllConnections();
    await new Promise((resolve) => sink.server.close(resolve));
  });

  function startUpload() {
    const outgoing = httpRequest(`${base}/api/uploads/v1/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      outgoing.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      outgoing.on('error', reject);
    });
    return { outgoing, answered };
  }

  it('streams a request body to the upstream as it arrives', async () => {
    const firstChunk = sink.nextFirstChunk();
    const ending = sink.nextEnding();
    const { outgoing, answered } = startUpload();
    outgoing.write('first part;');
    assert.equal(await within(firstChunk, 3_000, 'the first part at the upstream'), 'first part;');
    outgoing.end('second part');
    assert.equal(await ending, 'complete');
    assert.deepEqual(await answered, { status: 200, body: 'received 22 bytes' });
  });

  it('aborts the upstream request when the client abandons its upload', async () => {
    const firstChunk = sink.nextFirstChunk();
    const ending = sink.nextEnding();
    const { outgoing, answered } = startUpload();
    answered.catch(() => {}); // the client hangs up, so its own request fails
    outgoing.write('a part that never gets its end');
    await within(firstChunk, 3_000, 'the first part at the upstream');
    outgoing.destroy();
    assert.equal(await within(ending, 3_000, 'the upstream request to end'), 'aborted');
  });
});
