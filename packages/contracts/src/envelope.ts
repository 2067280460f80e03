// The CloudEvents 1.0 JSON envelope every message travels in, with Emporium's extensions for
// tracing (traceparent) and causality (correlationid: the whole flow; causationid: the message that caused it).

import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { v7 as uuidv7 } from 'uuid';
import type { DataOf, MessageDefinition } from './define.js';

export const CloudEvent = Type.Object({
  specversion: Type.Literal('1.0'),
  id: Type.String({ minLength: 1, maxLength: 200 }),
  source: Type.String({ minLength: 1 }),
  type: Type.String({ pattern: '^emporium\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[0-9]+$' }),
  subject: Type.Optional(Type.String()),
  time: Type.String({ format: 'date-time' }),
  datacontenttype: Type.Literal('application/json'),
  data: Type.Unknown(),
  traceparent: Type.Optional(Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' })),
  correlationid: Type.Optional(Type.String()),
  causationid: Type.Optional(Type.String()),
});
export type CloudEvent = Static<typeof CloudEvent>;
export type EventOf<D> = Omit<CloudEvent, 'data'> & { data: DataOf<D> };

export const cloudEventValidator = Compile(CloudEvent);

export interface EnvelopeContext {
  /** `/emporium/<service>`: who produced it. */
  source: string;
  /** The aggregate it is about (an order id, a user id). */
  subject?: string;
  /** The message being handled when this one was produced, if any: sets causation and correlation. */
  cause?: Pick<CloudEvent, 'id' | 'correlationid' | 'traceparent'>;
  traceparent?: string;
}

/** Wraps `data` (checked against its schema) in a new envelope with a fresh time-ordered id. */
export function createEnvelope<D extends MessageDefinition>(
  definition: D,
  data: DataOf<D>,
  context: EnvelopeContext,
  id: string = uuidv7(),
): EventOf<D> {
  if (!definition.validator.Check(data)) {
    const first = definition.validator.Errors(data)[0];
    throw new Error(`${definition.type} data is invalid: ${first?.instancePath || '/'} ${first?.message ?? ''}`);
  }
  const correlationid = context.cause?.correlationid ?? context.cause?.id ?? id;
  const traceparent = context.traceparent ?? context.cause?.traceparent;
  return {
    specversion: '1.0',
    id,
    source: context.source,
    type: definition.type,
    ...(context.subject ? { subject: context.subject } : {}),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
    ...(traceparent ? { traceparent } : {}),
    correlationid,
    ...(context.cause ? { causationid: context.cause.id } : {}),
  };
}
