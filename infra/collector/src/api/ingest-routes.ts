// Telemetry coming in from the shop's processes: OTLP/HTTP JSON traces and the CLI's forwarded log
// lines. These are internal: hidden from the OpenAPI document, open without a token on the collector's
// own port, and refused when the gateway forwarded the request (it sets x-forwarded-prefix).
import { invalid, notFound, type ServiceApp, Type } from '@emporium/service-kit';
import { decodeLogLine } from '../otlp/decode-logs.js';
import { decodeTraces } from '../otlp/decode-traces.js';
import { storeLogs } from '../store/log-store.js';
import { storeSpans } from '../store/span-store.js';
import type { CollectorStore } from '../store/store.js';

const INGEST_BODY_LIMIT = 32 * 1024 * 1024;
const internal = { auth: 'public' as const };
// The runtime forwards every log line here, so a line per ingest request would feed itself.
const QUIET = 'warn';

export function ingestRoutes(app: ServiceApp, store: CollectorStore): void {
  const refuseForwarded = async (request: { headers: Record<string, unknown>; method: string; url: string }) => {
    if (request.headers['x-forwarded-prefix'] !== undefined) {
      throw notFound(`No route for ${request.method} ${request.url.split('?')[0]}`);
    }
  };

  app.post(
    '/v1/traces',
    {
      config: internal,
      logLevel: QUIET,
      bodyLimit: INGEST_BODY_LIMIT,
      schema: { hide: true },
      onRequest: refuseForwarded,
    },
    async (request) => {
      const spans = decodeTraces(request.body);
      if (spans.length > 0) storeSpans(store, spans);
      return { partialSuccess: {} };
    },
  );

  app.post(
    '/v1/ingest/logs',
    {
      config: internal,
      logLevel: QUIET,
      bodyLimit: INGEST_BODY_LIMIT,
      schema: { hide: true, body: Type.Object({ items: Type.Array(Type.Unknown(), { maxItems: 50_000 }) }) },
      onRequest: refuseForwarded,
    },
    async (request, reply) => {
      const records = request.body.items.map(decodeLogLine);
      if (records.length === 0) throw invalid('items is empty', [{ path: 'body/items', message: 'must not be empty' }]);
      storeLogs(store, records);
      return reply.code(202).send({ accepted: records.length });
    },
  );
}
