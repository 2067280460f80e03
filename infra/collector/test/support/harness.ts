// The collector in-process for component tests: a fresh LMDB store in a temporary folder, the query
// API behind real token checks, and small factories for OTLP requests and log lines.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBus } from '@emporium/messaging';
import { createTokenVerifier, type ServiceApp } from '@emporium/service-kit';
import { createTestTokens } from '@emporium/testing';
import { createLocalJWKSet } from 'jose';
import { buildCollectorApp } from '../../src/app.js';
import { parseCatalog } from '../../src/catalog.js';
import { type CollectorStore, openStore } from '../../src/store/store.js';

export const CATALOG = `
version: 1
services:
  orders:
    dependencies: { sync: [catalog], async: [inventory] }
    slos: { availability: 99.9%, latency_p99: 500ms }
  catalog:
    dependencies: { sync: [], async: [] }
    slos: { availability: 99.5%, latency_p99: 1s }
  inventory:
    dependencies: { sync: [], async: [orders] }
  gateway:
    dependencies: { sync: [orders, catalog], async: [] }
`;

export interface Harness {
  app: ServiceApp;
  store: CollectorStore;
  admin: Record<string, string>;
  customer: Record<string, string>;
  close(): Promise<void>;
}

export async function startCollector(options: { bus?: MessageBus; targets?: string[] } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'emporium-collector-'));
  const store = openStore(dir);
  const tokens = await createTestTokens();
  const app = await buildCollectorApp({
    version: 'v1',
    logLevel: 'silent',
    verifier: createTokenVerifier(createLocalJWKSet(tokens.jwks), tokens),
    store,
    catalog: parseCatalog(CATALOG),
    targets: options.targets ?? [],
    lookbackMs: 60_000,
    bus: async () => options.bus,
  });
  const bearer = async (roles: string[]) => ({
    authorization: `Bearer ${await tokens.token({ roles, subject: 'u1' })}`,
  });
  return {
    app,
    store,
    admin: await bearer(['admin']),
    customer: await bearer(['customer']),
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const newTraceId = () => randomBytes(16).toString('hex');
export const newSpanId = () => randomBytes(8).toString('hex');

export interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startMs: number;
  durationMs: number;
  attributes?: Record<string, string | number | boolean>;
  error?: string;
}

const attributeValue = (v: string | number | boolean) =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : { intValue: String(v) };

/** An ExportTraceServiceRequest as @opentelemetry/exporter-trace-otlp-http sends it (hex ids, string times). */
export function otlpRequest(service: string, spans: SpanSpec[]) {
  const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: '@emporium/service-kit' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: s.kind,
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.startMs + s.durationMs),
              attributes: Object.entries(s.attributes ?? {}).map(([key, v]) => ({ key, value: attributeValue(v) })),
              status: s.error ? { code: 2, message: s.error } : { code: 0 },
              links: [],
            })),
          },
        ],
      },
    ],
  };
}

export function logLine(fields: Record<string, unknown>) {
  return { level: 'info', time: new Date().toISOString(), service: 'orders', msg: 'request completed', ...fields };
}
