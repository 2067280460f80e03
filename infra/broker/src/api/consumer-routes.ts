// Durable pull consumers: create or update one, fetch (long-poll) deliveries, and settle each one
// by its token with ack, nak (redeliver after a delay) or term (never again).
import { problemResponses, type ServiceApp } from '@emporium/service-kit';
import type { Settlement } from '../consumers/consumer.js';
import type { Consumers } from '../consumers/consumers.js';
import { config, HOT_PATH_LOG_LEVEL } from './route-options.js';
import {
  ConsumerInfo,
  ConsumerParams,
  ConsumerSettings,
  FetchRequest,
  FetchResult,
  NakRequest,
  SettleRequest,
  SettleResult,
} from './schemas.js';
import { toConsumerInfo, toDelivered } from './wire.js';

const tags = ['consumers'];
const DEFAULT_ACK_WAIT_MS = 30_000;
const DEFAULT_EXPIRES_MS = 5_000;
/** JetStream's default is unlimited; this is as good as. */
const UNLIMITED_DELIVERIES = 1_000_000;

export function registerConsumerRoutes(app: ServiceApp, consumers: Consumers): void {
  // PUT  /v1/consumers/:stream/:durable         ensureConsumer
  // GET  /v1/consumers/:stream/:durable         consumerInfo
  // POST /v1/consumers/:stream/:durable/fetch   fetch (long-poll)
  // POST /v1/consumers/:stream/:durable/ack     ack
  // POST /v1/consumers/:stream/:durable/nak     nak
  // POST /v1/consumers/:stream/:durable/term    term

  app.put(
    '/v1/consumers/:stream/:durable',
    {
      config,
      schema: {
        tags,
        summary: 'Create a durable consumer from the start of the stream, or update its settings',
        params: ConsumerParams,
        body: ConsumerSettings,
        response: { 200: ConsumerInfo, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { stream, durable } = request.params;
      const body = request.body;
      const consumer = await consumers.ensure(stream, durable, {
        filterSubjects: body.filter_subjects ?? [],
        ackWaitMs: body.ack_wait_ms ?? DEFAULT_ACK_WAIT_MS,
        maxDeliver: body.max_deliver ?? UNLIMITED_DELIVERIES,
      });
      return toConsumerInfo(consumer);
    },
  );

  app.get(
    '/v1/consumers/:stream/:durable',
    {
      config,
      schema: {
        tags,
        summary: 'A consumer settings and progress',
        params: ConsumerParams,
        response: { 200: ConsumerInfo, ...problemResponses(404) },
      },
    },
    async (request) => toConsumerInfo(consumers.get(request.params.stream, request.params.durable)),
  );

  app.post(
    '/v1/consumers/:stream/:durable/fetch',
    {
      config,
      logLevel: HOT_PATH_LOG_LEVEL,
      schema: {
        tags,
        summary: 'Up to `batch` deliveries; answers as soon as there is one, or empty after expires_ms',
        params: ConsumerParams,
        body: FetchRequest,
        response: { 200: FetchResult, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const consumer = consumers.get(request.params.stream, request.params.durable);
      // A client that gives up (stops, or dies) leaves the queue instead of being handed messages.
      const gone = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      const { batch, expires_ms } = request.body;
      const taken = await consumer.fetch(batch, expires_ms ?? DEFAULT_EXPIRES_MS, gone.signal);
      return { messages: taken.map(toDelivered) };
    },
  );

  const settle = (kind: Settlement, summary: string) =>
    app.post(
      `/v1/consumers/:stream/:durable/${kind}`,
      {
        config,
        logLevel: HOT_PATH_LOG_LEVEL,
        schema: {
          tags,
          summary,
          params: ConsumerParams,
          body: SettleRequest,
          response: { 200: SettleResult, ...problemResponses(400, 404) },
        },
      },
      async (request) => {
        const consumer = consumers.get(request.params.stream, request.params.durable);
        return { settled: await consumer.settle(kind, request.body.tokens) };
      },
    );
  settle('ack', 'Processed: never deliver these again');
  settle('term', 'Never deliver these again, unprocessed (the caller has dead-lettered them)');

  app.post(
    '/v1/consumers/:stream/:durable/nak',
    {
      config,
      logLevel: HOT_PATH_LOG_LEVEL,
      schema: {
        tags,
        summary: 'Not processed: deliver these again after delay_ms (dropped once max_deliver is reached)',
        params: ConsumerParams,
        body: NakRequest,
        response: { 200: SettleResult, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const consumer = consumers.get(request.params.stream, request.params.durable);
      return { settled: await consumer.settle('nak', request.body.tokens, request.body.delay_ms ?? 0) };
    },
  );
}
