import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrokerProcess, startEmbeddedBroker } from '@emporium/testing';

const MAIN = resolve(import.meta.dirname, '../src/main.js');

describe('broker: the real process', () => {
  let broker: BrokerProcess;
  before(async () => {
    broker = await startEmbeddedBroker();
  });
  after(() => broker?.stop());

  type Messages = { messages: Array<{ token: string; data: string }> };
  const call = async <T = unknown>(method: string, path: string, body?: object) => {
    const res = await fetch(`${broker.url}${path}`, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('loses nothing it acknowledged when killed with SIGKILL', async () => {
    await call('PUT', '/v1/streams/KILLED', { subjects: ['killed.>'] });
    await call('PUT', '/v1/consumers/KILLED/worker', { ack_wait_ms: 60_000 });
    const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await Promise.all(
      sent.map((text) => call('POST', '/v1/publish', { subject: 'killed.x', id: text, data: btoa(text) })),
    );
    const fetched = await call<Messages>('POST', '/v1/consumers/KILLED/worker/fetch', { batch: 10 });
    const tokens = fetched.body.messages.map((m) => m.token);
    assert.equal(
      (await call<{ settled: number }>('POST', '/v1/consumers/KILLED/worker/ack', { tokens })).body.settled,
      10,
    );

    await broker.crash();

    const stored = await call<Messages>('GET', '/v1/streams/KILLED/messages?limit=1000');
    assert.deepEqual(stored.body.messages.map((m) => atob(m.data)).sort(), [...sent].sort());
    const info = await call<{ next_sequence: number }>('GET', '/v1/consumers/KILLED/worker');
    assert.equal(info.body.next_sequence, 11, 'the ten acked are not delivered again');
    const rest = await call<Messages>('POST', '/v1/consumers/KILLED/worker/fetch', { batch: 100 });
    assert.equal(rest.body.messages.length, 40);
  });

  it('hands nothing to a fetch whose client has gone away', async () => {
    await call('PUT', '/v1/streams/GONE', { subjects: ['gone.>'] });
    await call('PUT', '/v1/consumers/GONE/worker', { ack_wait_ms: 60_000 });
    const client = new AbortController();
    const abandoned = fetch(`${broker.url}/v1/consumers/GONE/worker/fetch`, {
      method: 'POST',
      body: JSON.stringify({ batch: 1, expires_ms: 10_000 }),
      headers: { 'content-type': 'application/json' },
      signal: client.signal,
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    client.abort();
    await abandoned;
    await new Promise((r) => setTimeout(r, 100));
    await call('POST', '/v1/publish', { subject: 'gone.x', id: 'g1', data: btoa('kept for the next fetch') });
    const next = await call<Messages>('POST', '/v1/consumers/GONE/worker/fetch', { batch: 1, expires_ms: 1000 });
    assert.deepEqual(
      next.body.messages.map((m) => atob(m.data)),
      ['kept for the next fetch'],
    );
  });

  it('shuts down promptly on SIGTERM, even with a connection that never sent a request', async () => {
    const idle = connect(Number(new URL(broker.url).port), '127.0.0.1');
    await once(idle, 'connect');
    idle.on('error', () => {}); // the broker cutting it is the point
    const started = Date.now();
    await broker.restart();
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    idle.destroy();
  });

  it('exits with status 78 naming BROKER_DATA_DIR when it is not set', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, BROKER_DATA_DIR: '', PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 78);
    assert.match(stderr, /BROKER_DATA_DIR/);
  });
});
