// The supervisor's restart logic, on stand-in processes: relaunch after an exit, the budget that stops
// the shop, services that wait for PostgreSQL or the broker to be back, nothing restarted while stopping.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import { type RestartHooks, Restarts } from '../src/runtime/restarts.js';
import type { ManagedProcess } from '../src/runtime/supervisor.js';

interface StandIn extends ManagedProcess {
  exit(code: number): void;
}

function standIn(name: string): StandIn {
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number | null>((resolve) => {
    exit = resolve;
  });
  const child = { signalCode: null, exitCode: null } as unknown as ChildProcess;
  return { name, child, tail: [], exited, exit: (code) => exit(code) };
}

function harness(overrides: Partial<RestartHooks> = {}) {
  const events: string[] = [];
  const launched = new Map<string, StandIn[]>();
  let stopping = false;
  let gaveUp: string | undefined;
  const hooks: RestartHooks = {
    relaunch: async (old) => {
      events.push(`relaunch ${old.name}`);
      const fresh = standIn(old.name);
      launched.set(old.name, [...(launched.get(old.name) ?? []), fresh]);
      return fresh;
    },
    isInfrastructure: (name) => name === 'postgres',
    describe: (name) => name,
    stopping: () => stopping,
    restarted: async (name) => {
      events.push(`restarted ${name}`);
    },
    giveUp: (name) => {
      gaveUp = name;
    },
    ...overrides,
  };
  const said: string[] = [];
  const restarts = new Restarts({ max: 2, windowMs: 60_000, delayMs: 1 }, hooks, (line) => said.push(line));
  return {
    restarts,
    events,
    said,
    launched,
    stop: () => {
      stopping = true;
    },
    gaveUp: () => gaveUp,
  };
}

const until = async (what: string, check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  assert.ok(check(), `timed out waiting for ${what}`);
};

describe('Restarts', () => {
  it('relaunches a process that exits, and watches the new one too', async () => {
    const h = harness();
    const orders = standIn('orders');
    h.restarts.watch(orders);
    orders.exit(1);
    await until('the first restart', () => h.events.includes('restarted orders'));
    h.launched.get('orders')?.[0]?.exit(1);
    await until('the second restart', () => h.launched.get('orders')?.length === 2);
    assert.deepEqual(h.events, ['relaunch orders', 'restarted orders', 'relaunch orders', 'restarted orders']);
  });

  it('gives up on a process that used its budget, and stops relaunching it', async () => {
    const h = harness();
    const orders = standIn('orders');
    h.restarts.watch(orders);
    orders.exit(1);
    await until('restart 1', () => h.launched.get('orders')?.length === 1);
    h.launched.get('orders')?.[0]?.exit(1);
    await until('restart 2', () => h.launched.get('orders')?.length === 2);
    h.launched.get('orders')?.[1]?.exit(1);
    await until('giving up', () => h.gaveUp() === 'orders');
    assert.equal(h.launched.get('orders')?.length, 2);
    assert.match(h.said.at(-1) ?? '', /orders crashed 2 times within a minute; giving up on it/);
  });

  it('keeps trying when a relaunch fails, within the budget', async () => {
    let failures = 1;
    const h = harness({
      relaunch: async (old) => {
        if (failures-- > 0) throw new Error('port in use');
        return standIn(old.name);
      },
    });
    const orders = standIn('orders');
    h.restarts.watch(orders);
    orders.exit(1);
    await until('the restart after a failed one', () => h.events.includes('restarted orders'));
    assert.equal(h.gaveUp(), undefined);
  });

  it('relaunches a service only once PostgreSQL is back', async () => {
    let postgresBack: () => void = () => {};
    const relaunched: string[] = [];
    const h = harness({
      relaunch: async (old) => {
        if (old.name === 'postgres')
          await new Promise<void>((resolve) => {
            postgresBack = resolve;
          });
        relaunched.push(old.name);
        return standIn(old.name);
      },
    });
    const postgres = standIn('postgres');
    const orders = standIn('orders');
    h.restarts.watch(postgres);
    h.restarts.watch(orders);
    postgres.exit(137);
    await new Promise((r) => setTimeout(r, 20));
    orders.exit(1);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(relaunched, [], 'orders waits while PostgreSQL is being restarted');
    postgresBack();
    await until('both restarted', () => h.events.length === 2);
    assert.deepEqual(relaunched, ['postgres', 'orders']);
    assert.deepEqual(h.events, ['restarted postgres', 'restarted orders']);
  });

  it('restarts nothing once the runtime is stopping', async () => {
    const h = harness();
    const orders = standIn('orders');
    h.restarts.watch(orders);
    h.stop();
    orders.exit(0);
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(h.events, []);
  });
});
