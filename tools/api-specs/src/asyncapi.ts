// A service's AsyncAPI 3.0 document, generated from the contracts package and the service's own
// registrations: one channel per broker subject it sends to or receives from, each message the
// CloudEvents 1.0 envelope whose `type` is fixed and whose `data` is the contract's TypeBox schema.
import { CloudEvent, type MessageDefinition } from '@emporium/contracts';
import type { ApiDocument } from './breaking-changes.js';
import { apiVersion } from './openapi.js';
import { type MessagingService, messageRegistrations } from './registrations.js';
import { sortKeys } from './stable-json.js';

const json = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema));

/** `OrderCreated.v1`: the channel id of a message (its subject is `emporium.orders.OrderCreated.v1`). */
export const channelId = (message: MessageDefinition) => `${message.name}.v${message.version}`;

function messageObject(message: MessageDefinition): Record<string, unknown> {
  const envelope = json(CloudEvent) as { properties: Record<string, unknown> };
  return {
    name: message.name,
    title: `${message.name} v${message.version}`,
    summary: message.description,
    contentType: 'application/cloudevents+json',
    'x-emporium-kind': message.kind,
    'x-emporium-owner': message.service,
    headers: {
      type: 'object',
      properties: {
        'Nats-Msg-Id': {
          type: 'string',
          description: 'the envelope id: the broker drops a duplicate within its window',
        },
      },
    },
    payload: {
      ...envelope,
      properties: {
        ...envelope.properties,
        source: { type: 'string', const: `/emporium/${message.service}` },
        type: { type: 'string', const: message.type },
        data: json(message.schema),
      },
    },
  };
}

export async function generateAsyncApi(root: string, service: MessagingService): Promise<ApiDocument> {
  const { publishes, consumes } = messageRegistrations()[service];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const add = (message: MessageDefinition, action: 'send' | 'receive', description: string) => {
    const id = channelId(message);
    messages[id] = messageObject(message);
    channels[id] = {
      address: message.type,
      description: `${message.kind === 'command' ? 'Commands to' : 'Events of'} ${message.service} (stream EMPORIUM_${message.service.toUpperCase()})`,
      messages: { [message.name]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`${action}${message.name}V${message.version}`] = {
      action,
      channel: { $ref: `#/channels/${id}` },
      summary: description,
      messages: [{ $ref: `#/channels/${id}/messages/${message.name}` }],
    };
  };
  for (const message of publishes) add(message, 'send', `${service} publishes ${message.name} through its outbox`);
  for (const { message, why } of consumes) add(message, 'receive', why);
  return sortKeys({
    asyncapi: '3.0.0',
    info: {
      title: `Emporium ${service} messages`,
      version: await apiVersion(root, service),
      description: `What ${service} publishes and consumes on the broker (NATS JetStream; the embedded broker locally). Every message is a CloudEvents 1.0 JSON envelope; a consumer dead-letters one that fails its schema.`,
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  }) as ApiDocument;
}
