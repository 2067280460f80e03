// The runtime forwards its children's JSON log lines to the collector in batches: lines that are not
// JSON objects stay on the terminal only, a line without a service gets the process's name, and lines
// printed while the collector is down arrive once it answers.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { freePort } from '@emporium/testing';
import { startLogShipper } from '../src/runtime/log-shipper.js';

function fakeCollector(port: number, received: object[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      assert.equal(req.url, '/v1/ingest/logs');
      received.push(...(JSON.parse(body) as { items: object[] }).items);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1}');
    });
  });
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r(server)));
}

const until = async (what: string, done: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('runtime: log shipping to the collector', () => {
  let server: Server | undefined;
  after(() => new Promise((r) => (server ? server.close(r) : r(undefined))));

  it('forwards JSON lines, names their process, and keeps them while the collector is down', async () => {
    const port = await freePort();
    const received: Array<Record<string, unknown>> = [];
    const shipper = startLogShipper(`http://127.0.0.1:${port}`);
    // The collector is not listening yet: these wait in the buffer.
    shipper.ship(
      'orders',
      JSON.stringify({ time: '2026-11-28T00:00:00.000Z', level: 'info', msg: 'early', service: 'orders' }),
    );
    shipper.ship('mesh', JSON.stringify({ time: 1795833600000, level: 30, msg: 'no service field' }));
    shipper.ship('postgres', 'LOG:  database system is ready to accept connections');
    shipper.ship('orders', '{"not": "a log line without time"}');
    await new Promise((r) => setTimeout(r, 700));
    server = await fakeCollector(port, received);
    await until('the buffered lines', () => received.length >= 2);
    shipper.ship(
      'payments',
      JSON.stringify({ time: '2026-11-28T00:00:01.000Z', level: 'warn', msg: 'late', service: 'payments' }),
    );
    await shipper.stop();
    assert.deepEqual(
      received.map((l) => [l.service, l.msg]),
      [
        ['orders', 'early'],
        ['mesh', 'no service field'],
        ['payments', 'late'],
      ],
    );
  });
});
