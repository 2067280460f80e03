// System test of the runtime's supervisor in the embedded mode: the embedded PostgreSQL server and the
// broker are killed (kill -9) under a shop with orders in flight; `emporium up` must notice, restart each
// on the same port and data folder, and the services must reconnect on their own, losing no accepted order.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRuntime, type Runtime } from '@emporium/testing';
import { shopClient } from './support/shop-client.js';
import { eventually, newCustomer, placeOrder, type Shop, settled, stockOf } from './support/shop-flows.js';

const ORDERS_PER_CRASH = 6;
const SETTLE_MS = 80_000;

describe('system: the supervisor restarts the embedded PostgreSQL server and broker', () => {
  let runtime: Runtime;
  let shop: Shop;
  let customer: { token: string };
  let productId: string;

  before(async () => {
    // What was in flight at a crash comes again, not at once: a message the broker handed out just before
    // it died is redelivered when its ack wait (30 s) runs out, and a payments process that died with the
    // database leaves its charge job locked until the job runner unlocks dead workers' jobs (after twice the
    // provider timeout). The saga's step deadlines get room for that, so an accepted order must end
    // confirmed, not timed out.
    runtime = await createRuntime({
      infra: 'embedded',
      env: { PROVIDER_TIMEOUT_MS: '3000', ORDER_RESERVE_TIMEOUT_MS: '90000', ORDER_PAYMENT_TIMEOUT_MS: '90000' },
    });
    await runtime.start();
    shop = shopClient(runtime.gateway);
    customer = await newCustomer(shop, 'supervised');
    const listed = await shop.get('/api/products/v1/products?limit=30');
    assert.equal(listed.status, 200);
    for (const p of listed.body.items as Array<{ id: string }>) {
      if ((await stockOf(shop, p.id)).available >= 4 * ORDERS_PER_CRASH) {
        productId = p.id;
        break;
      }
    }
    assert.ok(productId, 'the seed has a well-stocked product');
  });
  after(async () => {
    await runtime?.cleanUp();
  });

  const placeMany = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const placed = await placeOrder(shop, customer.token, [{ product_id: productId, quantity: 1 }]);
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      ids.push(placed.body.id as string);
    }
    return ids;
  };

  /** Every order ends confirmed; reads during the outage may fail, so the probe retries them. */
  const allConfirmed = async (ids: string[]) => {
    for (const id of ids) {
      const order = await settled(shop, customer.token, id, undefined, SETTLE_MS).catch(withOutput);
      assert.equal(order.status, 'confirmed', `order ${id}: ${JSON.stringify(order.status_history)}${printed()}`);
    }
  };

  const infraPid = async (name: string) => {
    const state = JSON.parse(await readFile(join(runtime.dataDir, 'runtime.json'), 'utf8')) as {
      infrastructure?: Array<{ name: string; pid: number | undefined }>;
    };
    return state.infrastructure?.find((p) => p.name === name)?.pid;
  };

  /** What the runtime printed last (its warnings and the supervisor's lines), for a failure message. */
  const printed = () => `; it printed:\n${runtime.output().split('\n').slice(-40).join('\n')}`;
  const withOutput = (error: Error): never => {
    throw new Error(`${error.message}${printed()}`);
  };
  const outputShows = (pattern: RegExp) =>
    eventually(`the runtime to print ${pattern}`, async () =>
      pattern.test(runtime.output()) ? true : undefined,
    ).catch(withOutput);

  const postmasterPid = async () =>
    Number((await readFile(join(runtime.dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('PostgreSQL killed with orders in flight: restarted from its WAL, every accepted order confirmed', async () => {
    const before = await postmasterPid();
    const wrapperBefore = await infraPid('postgres');
    const accepted = await placeMany(ORDERS_PER_CRASH);
    process.kill(before, 'SIGKILL');
    await outputShows(/postgres restarted in/);
    assert.match(runtime.output(), /PostgreSQL \(port \d+, data in .*postgres\) exited unexpectedly/);
    const after = await postmasterPid();
    assert.notEqual(after, before);
    assert.ok(alive(after), 'the new postmaster runs');
    assert.notEqual(await infraPid('postgres'), wrapperBefore, 'runtime.json lists the new server process');

    await allConfirmed(accepted);
    // New orders work with the connections the services opened again on their own.
    await allConfirmed(await placeMany(2));
  });

  it('broker killed with orders in flight: restarted from its store, every accepted order confirmed', async () => {
    const before = await infraPid('broker');
    assert.ok(before, 'runtime.json lists the broker process');
    const accepted = await placeMany(ORDERS_PER_CRASH);
    process.kill(before, 'SIGKILL');
    await outputShows(/broker restarted in/);
    assert.match(runtime.output(), /the broker \(http:\/\/.*, data in .*broker\) exited unexpectedly/);
    const after = await infraPid('broker');
    assert.ok(after && after !== before && alive(after), 'a new broker process runs');

    await allConfirmed(accepted);
    await allConfirmed(await placeMany(2));
    // Nothing gave up: the whole shop is still supervised, not stopped.
    // (The runtime's own words; a service's job runner restarting itself may say "stopping" in its logs.)
    assert.doesNotMatch(runtime.output(), /giving up on it|▸ stopping/);
  });
});
