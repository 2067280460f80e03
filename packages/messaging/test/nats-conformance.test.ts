// Runs the MessageBus conformance suite against NATS JetStream, on a private nats-server started for
// this file (own port, own store), so restarting it disturbs nothing else.
import { test } from 'node:test';
import { findNatsServer, type NatsServerProcess, startNatsServer } from '@emporium/testing';
import type { MessageBus } from '../src/bus.js';
import { connectNatsBus } from '../src/nats/nats-bus.js';
import { busConformanceSuite } from './support/conformance.js';

const binary = findNatsServer();

if (binary) {
  let server: NatsServerProcess | undefined;
  busConformanceSuite('NATS JetStream', {
    async start(): Promise<MessageBus> {
      server = await startNatsServer(binary);
      return connectNatsBus({ servers: server.url, name: 'nats-conformance', onError: reportUnexpected });
    },
    restartBroker: () => server?.restart() ?? Promise.resolve(),
    stop: () => server?.stop() ?? Promise.resolve(),
  });
} else if (process.env.CI === 'true') {
  throw new Error('CI=true but no nats-server binary (set NATS_SERVER_BIN or install nats-server)');
} else {
  test('MessageBus conformance: NATS JetStream', { skip: 'nats-server is not installed' }, () => {});
}

/** Handlers in the suite throw on purpose; anything else the bus reports is worth seeing. */
function reportUnexpected(error: unknown): void {
  if (error instanceof Error && error.message.includes('expected by the test')) return;
  console.error('[nats-bus]', error);
}
