// Streams: create or update one, see its extent, publish to it (by subject) and read it back.
import { problemResponses, type ServiceApp } from '@emporium/service-kit';
import type { Streams } from '../streams/streams.js';
import { config, HOT_PATH_LOG_LEVEL } from './route-options.js';
import {
  MessageList,
  PublishAck,
  PublishRequest,
  ReadQuery,
  StreamInfo,
  StreamParams,
  StreamSettings,
} from './schemas.js';
import { toStoredMessage } from './wire.js';

const tags = ['streams'];

export function registerStreamRoutes(app: ServiceApp, streams: Streams): void {
  // PUT  /v1/streams/:stream            ensureStream
  // GET  /v1/streams/:stream            streamInfo
  // GET  /v1/streams/:stream/messages   read (?from=&limit=)
  // POST /v1/publish                    publish (the subject picks the stream)

  const info = (name: string) => {
    const { record } = streams.get(name);
    const { firstSeq, messages } = streams.extent(name);
    return {
      name: record.name,
      subjects: record.subjects,
      max_age_ms: record.maxAgeMs,
      duplicate_window_ms: record.duplicateWindowMs,
      first_sequence: firstSeq,
      last_sequence: record.lastSeq,
      messages,
    };
  };

  app.put(
    '/v1/streams/:stream',
    {
      config,
      schema: {
        tags,
        summary: 'Create a stream, or update its subjects and limits',
        params: StreamParams,
        body: StreamSettings,
        response: { 200: StreamInfo, ...problemResponses(400, 409) },
      },
    },
    async (request) => {
      const { subjects, max_age_ms, duplicate_window_ms } = request.body;
      const name = request.params.stream;
      await streams.ensure({ name, subjects, maxAgeMs: max_age_ms ?? 0, duplicateWindowMs: duplicate_window_ms ?? 0 });
      return info(name);
    },
  );

  app.get(
    '/v1/streams/:stream',
    {
      config,
      schema: {
        tags,
        summary: 'A stream settings and extent',
        params: StreamParams,
        response: { 200: StreamInfo, ...problemResponses(404) },
      },
    },
    async (request) => info(request.params.stream),
  );

  app.get(
    '/v1/streams/:stream/messages',
    {
      config,
      schema: {
        tags,
        summary: 'Stored messages from a sequence on, in order, without consuming them',
        params: StreamParams,
        querystring: ReadQuery,
        response: { 200: MessageList, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { from, limit } = request.query;
      return { messages: streams.read(request.params.stream, from, limit).map(toStoredMessage) };
    },
  );

  app.post(
    '/v1/publish',
    {
      config,
      logLevel: HOT_PATH_LOG_LEVEL,
      schema: {
        tags,
        summary: 'Store a message in the stream whose subjects match; answered once committed',
        body: PublishRequest,
        response: { 200: PublishAck, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { subject, id, data, headers } = request.body;
      const result = await streams.publish({ subject, id, data: Buffer.from(data, 'base64'), headers: headers ?? {} });
      return { stream: result.stream, sequence: result.seq, duplicate: result.duplicate };
    },
  );
}
