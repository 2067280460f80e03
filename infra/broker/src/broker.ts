// The broker's state and behaviour, without HTTP: the store, the streams, the consumers and the
// retention sweep, opened together from a data folder and closed together.

import { Consumers } from './consumers/consumers.js';
import { type BrokerStore, openBrokerStore } from './store/broker-store.js';
import { startRetention } from './streams/retention.js';
import { Streams } from './streams/streams.js';

export interface BrokerOptions {
  dataDir: string;
  /** How often messages past their max age are dropped. */
  retentionIntervalMs?: number;
  /** Called with failures of background writes (there is no request to answer with them). */
  onError: (error: unknown) => void;
}

export interface Broker {
  store: BrokerStore;
  streams: Streams;
  consumers: Consumers;
  /** Answers the long-polling fetches, so an HTTP server can close without waiting for them. */
  releaseFetches(): void;
  close(): Promise<void>;
}

export function openBroker(options: BrokerOptions): Broker {
  const store = openBrokerStore(options.dataDir);
  const streams = new Streams(store);
  const consumers = new Consumers(store, streams, options.onError);
  streams.load();
  consumers.load();
  const retention = startRetention(store, () => streams.all(), options.retentionIntervalMs ?? 1000, options.onError);
  return {
    store,
    streams,
    consumers,
    releaseFetches: () => consumers.close(),
    close: async () => {
      retention.stop();
      consumers.close();
      await store.close();
    },
  };
}
