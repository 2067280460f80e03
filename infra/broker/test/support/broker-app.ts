// Builds the broker in-process on a throwaway data folder for a test file, and talks to it through
// Fastify inject with small helpers named after the API's routes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceApp } from '@emporium/service-kit';
import { type BrokerApp, buildBroker } from '../../src/app.js';

export interface DeliveredMessage {
  token: string;
  sequence: number;
  subject: string;
  id: string;
  data: string;
  headers: Record<string, string>;
  deliveries: number;
}

export interface BrokerHarness {
  app: ServiceApp;
  dataDir: string;
  /** Closes the broker and opens a new one on the same store, as a restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startBroker(options: { retentionIntervalMs?: number } = {}): Promise<BrokerHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-broker-test-'));
  const open = (): Promise<BrokerApp> => buildBroker({ dataDir, logLevel: 'silent', ...options });
  let current = await open();
  const harness: BrokerHarness = {
    app: current.app,
    dataDir,
    async restart() {
      await current.app.close();
      current = await open();
      harness.app = current.app;
    },
    async close() {
      await current.app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

let counter = 0;
/** A name no other test in the run uses, for streams, durables and subject prefixes. */
export function uniqueName(label: string): string {
  counter += 1;
  return `${label}_${process.pid}_${counter}`;
}

export const encode = (text: string) => Buffer.from(text).toString('base64');
export const decode = (data: string) => Buffer.from(data, 'base64').toString();

/** The broker's routes as functions; each returns the raw inject response. */
export function api(broker: BrokerHarness) {
  const send = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    broker.app.inject({ method, url, ...(payload ? { payload } : {}) });
  const consumerUrl = (stream: string, durable: string) => `/v1/consumers/${stream}/${durable}`;
  return {
    ensureStream: (name: string, body: object) => send('PUT', `/v1/streams/${name}`, body),
    streamInfo: (name: string) => send('GET', `/v1/streams/${name}`),
    publish: (subject: string, text: string, id = `${subject}:${text}`, headers?: Record<string, string>) =>
      send('POST', '/v1/publish', { subject, id, data: encode(text), ...(headers ? { headers } : {}) }),
    read: (name: string, query = '') => send('GET', `/v1/streams/${name}/messages${query}`),
    ensureConsumer: (stream: string, durable: string, body: object = {}) =>
      send('PUT', consumerUrl(stream, durable), body),
    consumerInfo: (stream: string, durable: string) => send('GET', consumerUrl(stream, durable)),
    async fetch(stream: string, durable: string, batch = 10, expiresMs = 0): Promise<DeliveredMessage[]> {
      const res = await send('POST', `${consumerUrl(stream, durable)}/fetch`, { batch, expires_ms: expiresMs });
      if (res.statusCode !== 200) throw new Error(`fetch answered ${res.statusCode}: ${res.body}`);
      return res.json().messages;
    },
    settle: (kind: 'ack' | 'nak' | 'term', stream: string, durable: string, tokens: string[], delayMs?: number) =>
      send('POST', `${consumerUrl(stream, durable)}/${kind}`, {
        tokens,
        ...(delayMs !== undefined ? { delay_ms: delayMs } : {}),
      }),
  };
}

export type BrokerApi = ReturnType<typeof api>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
