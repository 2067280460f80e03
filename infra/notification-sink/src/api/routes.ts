// The sink's HTTP API. The route table:
//   POST   /v1/sms             sendSms        (an SMS provider's send call)
//   POST   /v1/push            sendPush       (a push provider's send call)
//   GET    /v1/messages        listMessages   (?channel=&to=&limit=, newest first)
//   GET    /v1/messages/:id    getMessage
//   DELETE /v1/messages        clearMessages
import { notFound, problemResponses, type ServiceApp, Type } from '@emporium/service-kit';
import type { MessageStore, NewMessage, StoredMessage } from '../store/message-store.js';
import {
  Accepted,
  IdempotencyHeaders,
  ListQuery,
  MessageJson,
  MessageList,
  MessageParams,
  PushRequest,
  SmsRequest,
} from './schemas.js';

// The sink listens on the machine's loopback for the local mode only: no access tokens.
const config = { auth: 'public' } as const;
const tags = ['sink'];

export function registerSinkRoutes(app: ServiceApp, store: MessageStore): void {
  const accept = async (message: NewMessage, channel: string, key: string | undefined) => {
    const { message: stored } = await store.save(message, key && `${channel}:${key}`);
    return { id: stored.id };
  };

  app.post(
    '/v1/sms',
    {
      config,
      schema: {
        tags,
        operationId: 'sendSms',
        summary: 'Accept an SMS for delivery',
        headers: IdempotencyHeaders,
        body: SmsRequest,
        response: { 202: Accepted, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { to, body } = request.body;
      reply.code(202);
      return accept({ channel: 'sms', to: [to], text: body }, 'sms', request.headers['idempotency-key']);
    },
  );

  app.post(
    '/v1/push',
    {
      config,
      schema: {
        tags,
        operationId: 'sendPush',
        summary: "Accept a push notification for a user's devices",
        headers: IdempotencyHeaders,
        body: PushRequest,
        response: { 202: Accepted, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { user_id, title, body } = request.body;
      reply.code(202);
      return accept(
        { channel: 'push', to: [user_id], subject: title, text: body },
        'push',
        request.headers['idempotency-key'],
      );
    },
  );

  app.get(
    '/v1/messages',
    {
      config,
      schema: {
        tags,
        operationId: 'listMessages',
        summary: 'What was received, newest first',
        querystring: ListQuery,
        response: { 200: MessageList, ...problemResponses(400) },
      },
    },
    async (request) => ({ items: store.list(request.query).map(toMessageJson) }),
  );

  app.get(
    '/v1/messages/:id',
    {
      config,
      schema: {
        tags,
        operationId: 'getMessage',
        summary: 'One received message',
        params: MessageParams,
        response: { 200: MessageJson, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const message = store.get(request.params.id);
      if (!message) throw notFound(`No message has id ${request.params.id}`);
      return toMessageJson(message);
    },
  );

  app.delete(
    '/v1/messages',
    {
      config,
      schema: {
        tags,
        operationId: 'clearMessages',
        summary: 'Forget every received message',
        response: { 204: Type.Null({ description: 'cleared' }) },
      },
    },
    async (_request, reply) => {
      await store.clear();
      reply.code(204);
      return null;
    },
  );
}

function toMessageJson(message: StoredMessage): MessageJson {
  const { receivedAt, to, ...rest } = message;
  return { ...rest, to: to.join(', '), received_at: new Date(receivedAt).toISOString() };
}
