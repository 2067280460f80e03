// The brokers a messaging test runs its scenarios on: the embedded broker always, NATS JetStream when
// nats-server is installed, which CI (CI=true) requires.
import type { BrokerProcess } from './broker-process.js';
import { startEmbeddedBroker } from './embedded-broker.js';
import { findNatsServer, startNatsServer } from './nats-server.js';

export function brokersUnderTest(): Array<[name: string, start: () => Promise<BrokerProcess>]> {
  const brokers: Array<[string, () => Promise<BrokerProcess>]> = [['embedded broker', startEmbeddedBroker]];
  const nats = findNatsServer();
  if (nats) brokers.push(['NATS JetStream', () => startNatsServer(nats)]);
  else if (process.env.CI === 'true') throw new Error('CI=true needs nats-server (set NATS_SERVER_BIN or install it)');
  return brokers;
}
