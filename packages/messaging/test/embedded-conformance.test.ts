// Runs the MessageBus conformance suite against the embedded broker: the real process
// (infra/broker/dist/src/main.js) on a free port and a throwaway data folder, restarted on the same
// port and folder for the durability specs. Then one fault the suite leaves out: a broker killed
// (SIGKILL, no shutdown) while messages flow.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '@emporium/testing';
import type { MessageBus } from '../src/bus.js';
import { connectEmbeddedBus } from '../src/embedded/embedded-bus.js';
import { openScenario, retryUntilOk, textMessage, waitUntil } from './support/bus-probe.js';
import { busConformanceSuite } from './support/conformance.js';

const BROKER_MAIN = resolve(import.meta.dirname, '../../../../infra/broker/dist/src/main.js');

/** One broker process on its own port and data folder; restarts keep both. */
class BrokerProcess {
  private child: ChildProcess | undefined;
  private dataDir = '';
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.dataDir = await mkdtemp(join(tmpdir(), 'emporium-embedded-bus-'));
    this.port = await freePort();
    await this.launch();
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.kill(signal);
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    await rm(this.dataDir, { recursive: true, force: true });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  async launch(): Promise<void> {
    const child = spawn(process.execPath, [BROKER_MAIN], {
      env: { ...process.env, PORT: String(this.port), BROKER_DATA_DIR: this.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.child = child;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the broker exited with status ${child.exitCode}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the broker did not answer within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const connect = (broker: BrokerProcess) =>
  connectEmbeddedBus({ url: broker.url, name: 'embedded-conformance', onError: reportUnexpected });

const suiteBroker = new BrokerProcess();
busConformanceSuite('embedded broker', {
  async start(): Promise<MessageBus> {
    await suiteBroker.start();
    return connect(suiteBroker);
  },
  restartBroker: () => suiteBroker.restart('SIGTERM'),
  stop: () => suiteBroker.stop(),
});

describe('embedded bus: a broker killed while messages flow', { timeout: 60_000 }, () => {
  const broker = new BrokerProcess();
  let bus: MessageBus;
  before(async () => {
    await broker.start();
    bus = await connect(broker);
  });
  after(async () => {
    await bus?.close();
    await broker.stop();
  });

  it('loses no acknowledged publish, and the consumer resumes by itself', async () => {
    const scenario = await openScenario(bus);
    const handled = new Set<string>();
    const sub = await bus.consume(scenario.consumer({ maxInFlight: 8 }), async (delivery) => {
      handled.add(delivery.id);
      await delivery.ack();
    });
    const acknowledged: string[] = [];
    const publishSome = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const message = textMessage(scenario.subject('flow'), `m${acknowledged.length}`);
        await retryUntilOk(() => bus.publish(message), 'publish');
        acknowledged.push(message.id);
      }
    };
    await publishSome(50);
    await broker.kill('SIGKILL');
    await waitUntil(() => !bus.isConnected(), 'the bus to notice the broker is gone');
    await broker.launch();
    await publishSome(50);
    await waitUntil(() => acknowledged.every((id) => handled.has(id)), 'every acknowledged message handled', 20_000);
    assert.equal(bus.isConnected(), true);
    await sub.stop();
  });
});

/** Handlers in the suite throw on purpose; anything else the bus reports is worth seeing. */
function reportUnexpected(error: unknown): void {
  if (error instanceof Error && error.message.includes('expected by the test')) return;
  console.error('[embedded-bus]', error);
}
