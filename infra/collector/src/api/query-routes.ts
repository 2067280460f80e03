// The collector's query API (admin only), route table first. See API.md.
import type { MessageBus } from '@emporium/messaging';
import { listDeadLetters, replayDeadLetter } from '@emporium/messaging';
import { invalid, notFound, problemResponses, type ServiceApp, unavailable } from '@emporium/service-kit';
import type { CatalogService } from '../catalog.js';
import { durationMs } from '../query/durations.js';
import { queryLogs } from '../query/logs.js';
import { listServices, slos, topology } from '../query/overview.js';
import { redSeries, samplesSince } from '../query/service-red.js';
import { getTrace, listTraces } from '../query/traces.js';
import type { CollectorStore } from '../store/store.js';
import {
  DeadLetterParams,
  DeadLettersAnswer,
  LogsAnswer,
  LogsQuery,
  RedAnswer,
  RedQuery,
  ReplayAnswer,
  ServicesAnswer,
  SloQuery,
  SlosAnswer,
  TopologyAnswer,
  TraceAnswer,
  TraceParams,
  TracesAnswer,
  TracesQuery,
  WindowQuery,
} from './schemas.js';

export interface QueryDeps {
  store: CollectorStore;
  catalog: CatalogService[];
  /** Names of the scraped processes (topology nodes even before they are seen in spans). */
  targets: string[];
  /** How far before a window to look for the baseline sample (about two scrape intervals). */
  lookbackMs: number;
  /** The broker, for dead letters; undefined when the collector has none. */
  bus: () => Promise<MessageBus | undefined>;
}

const DAY = 24 * 3_600_000;
const admin = { auth: 'admin' as const };
const refusals = problemResponses(400, 401, 403);

function windowOf(value: string, name = 'window', maxMs = DAY, minMs = 1000): number {
  const ms = durationMs(value);
  if (ms > maxMs || ms < minMs)
    throw invalid(`${name} must be between ${minMs / 1000} s and ${maxMs / 3_600_000} h`, [
      { path: `querystring/${name}`, message: 'is out of range' },
    ]);
  return ms;
}

export function queryRoutes(app: ServiceApp, deps: QueryDeps): void {
  const { store } = deps;
  const tags = ['telemetry'];

  app.get(
    '/v1/services',
    { config: admin, schema: { tags, querystring: WindowQuery, response: { 200: ServicesAnswer, ...refusals } } },
    async (request) => listServices(store, windowOf(request.query.window), deps.lookbackMs),
  );

  app.get(
    '/v1/topology',
    { config: admin, schema: { tags, querystring: WindowQuery, response: { 200: TopologyAnswer, ...refusals } } },
    async (request) => topology(store, deps.catalog, deps.targets, windowOf(request.query.window)),
  );

  app.get(
    '/v1/metrics/red',
    { config: admin, schema: { tags, querystring: RedQuery, response: { 200: RedAnswer, ...refusals } } },
    async (request) => {
      const windowMs = windowOf(request.query.window);
      const stepMs = windowOf(request.query.step, 'step', 3_600_000);
      if (windowMs / stepMs > 2000)
        throw invalid('window / step must be at most 2000 points', [
          { path: 'querystring/step', message: 'is too small for the window' },
        ]);
      const now = Date.now();
      const instances = samplesSince(store, now - windowMs - stepMs, deps.lookbackMs).get(request.query.service);
      return {
        service: request.query.service,
        series: instances ? redSeries(instances, now - windowMs, now, stepMs) : [],
      };
    },
  );

  app.get(
    '/v1/traces',
    { config: admin, schema: { tags, querystring: TracesQuery, response: { 200: TracesAnswer, ...refusals } } },
    async (request) => {
      const q = request.query;
      return listTraces(store, {
        service: q.service,
        orderId: q.order_id,
        error: q.error,
        minDurationMs: q.min_duration_ms,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/v1/traces/:trace_id',
    {
      config: admin,
      schema: { tags, params: TraceParams, response: { 200: TraceAnswer, ...problemResponses(400, 401, 403, 404) } },
    },
    async (request) => {
      const trace = getTrace(store, request.params.trace_id);
      if (!trace) throw notFound(`No trace ${request.params.trace_id} (never received, or past retention)`);
      return trace;
    },
  );

  app.get(
    '/v1/logs',
    { config: admin, schema: { tags, querystring: LogsQuery, response: { 200: LogsAnswer, ...refusals } } },
    async (request) => {
      const q = request.query;
      return queryLogs(store, { service: q.service, traceId: q.trace_id, level: q.level, q: q.q, limit: q.limit });
    },
  );

  app.get(
    '/v1/slos',
    { config: admin, schema: { tags, querystring: SloQuery, response: { 200: SlosAnswer, ...refusals } } },
    async (request) => slos(store, deps.catalog, windowOf(request.query.window), deps.lookbackMs),
  );

  const busOrUnavailable = async () => {
    const bus = await deps.bus();
    if (!bus) throw unavailable('The collector has no broker to read dead letters from');
    return bus;
  };

  app.get(
    '/v1/dead-letters',
    { config: admin, schema: { tags, response: { 200: DeadLettersAnswer, ...problemResponses(401, 403) } } },
    async () => ({
      items: await listDeadLetters(await busOrUnavailable()),
    }),
  );

  app.post(
    '/v1/dead-letters/:id/replay',
    {
      config: admin,
      schema: {
        tags,
        params: DeadLetterParams,
        response: { 202: ReplayAnswer, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const letter = await replayDeadLetter(await busOrUnavailable(), request.params.id);
      if (!letter) throw notFound(`No dead letter with id ${request.params.id}`);
      request.log.info({ id: letter.id, subject: letter.subject }, 'dead letter replayed');
      return reply.code(202).send({ replayed: letter.id });
    },
  );
}
