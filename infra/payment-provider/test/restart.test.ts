// The real process: charges and idempotency keys outlive it, even when it is killed, so a client
// retrying across a provider restart is never charged twice.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startReadyProcess, stopProcess } from '@emporium/testing';
import { type Charge, chargeBody, newKey } from './support/provider.js';

const MAIN = resolve(import.meta.dirname, '../src/main.js');

describe('payment provider: the real process', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let url: string;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = await startReadyProcess(MAIN, [], env);
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emporium-provider-process-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PROVIDER_DATA_DIR: dataDir,
      PROVIDER_LATENCY_MS: '0',
    };
    await start();
  });
  after(async () => {
    if (child) await stopProcess(child, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: object, key: string) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as Charge };
  };
  const chargesFor = async (reference: string) =>
    ((await (await fetch(`${url}/v1/charges?reference=${reference}`)).json()) as { data: Charge[] }).data;

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`replays a charge made before a ${signal} restart and charges once`, async () => {
      const body = chargeBody();
      const key = newKey();
      const first = await post('/v1/charges', body, key);
      assert.equal(first.status, 201);
      const refundKey = newKey();
      assert.equal((await post('/v1/refunds', { charge: first.body.id, amount: 100 }, refundKey)).status, 201);

      const stopping = Date.now();
      await stopProcess(child as ChildProcess, signal);
      // Keep-alive connections from the requests above must not hold a graceful stop.
      assert.ok(Date.now() - stopping < 3000, `stopping took ${Date.now() - stopping} ms`);
      await start();

      const again = await post('/v1/charges', body, key);
      assert.deepEqual(
        { status: again.status, replayed: again.replayed, id: again.body.id },
        {
          status: 201,
          replayed: 'true',
          id: first.body.id,
        },
      );
      assert.equal((await post('/v1/charges', { ...body, amount: 1 }, key)).status, 409);
      assert.equal((await post('/v1/refunds', { charge: first.body.id, amount: 100 }, refundKey)).replayed, 'true');
      const stored = await chargesFor(body.reference);
      assert.deepEqual(
        stored.map((c) => [c.id, c.amount_refunded]),
        [[first.body.id, 100]],
      );
    });
  }

  it('takes its latency and error rate from the environment', async () => {
    const settings = (await (await fetch(`${url}/v1/settings`)).json()) as object;
    assert.deepEqual(settings, { latency_ms: 0, error_rate: 0, slow_ms: 5000 });
  });
});
