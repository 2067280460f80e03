import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ServiceApp } from '@emporium/service-kit';
import { createTokenIssuer, listen, type PlainUpstream, startGateway, startPlainUpstream } from './harness.js';

describe('gateway streaming', () => {
  let stream: PlainUpstream;
  let gateway: ServiceApp;
  let base: string;
  const large = randomBytes(8 * 1024 * 1024);
  let releaseBody: () => void = () => {};

  before(async () => {
    const { verifier } = await createTokenIssuer();
    stream = await startPlainUpstream(async (recorded, response) => {
      if (recorded.url === '/large') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let offset = 0; offset < large.length; offset += 64 * 1024) {
          if (!response.write(large.subarray(offset, offset + 64 * 1024))) {
            await new Promise((resolve) => response.once('drain', resolve));
          }
        }
        response.end();
        return;
      }
      if (recorded.url !== '/held') return void response.writeHead(404).end();
      // The first part now, the rest only once the client has seen the first part.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first part;');
      await new Promise<void>((resolve) => {
        releaseBody = resolve;
      });
      response.end('second part');
    });
    gateway = await startGateway({ files: stream.url }, verifier);
    base = await listen(gateway);
  });
  after(async () => {
    releaseBody();
    await gateway.close();
    await stream.close();
  });

  it('streams a large response body through intact', async () => {
    const response = await fetch(`${base}/api/files/large`);
    assert.equal(response.status, 200);
    const received = Buffer.from(await response.arrayBuffer());
    assert.equal(received.length, large.length);
    assert.equal(createHash('sha256').update(received).digest('hex'), createHash('sha256').update(large).digest('hex'));
  });

  it('delivers the start of a response before the upstream has finished it', async () => {
    const response = await fetch(`${base}/api/files/held`);
    const reader = response.body?.getReader();
    assert.ok(reader);
    const first = await reader.read();
    assert.equal(Buffer.from(first.value ?? []).toString(), 'first part;');
    releaseBody();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += Buffer.from(chunk.value).toString();
    }
    assert.equal(rest, 'second part');
  });
});
