// The producer span of an outbox message: opened when the relay publishes it, as a child of the work
// that wrote it (the envelope's traceparent), and written into the envelope in its place, so the
// consumer's span hangs under the publish and one flow is one trace across services.

import { contextFromTraceparent, isExporting, traceparentOf, tracer } from '@emporium/service-kit';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export interface PublishSpan {
  /** The envelope to send: with the publish span's traceparent when the span is recorded. */
  data: string;
  end(error?: unknown): void;
}

const NOOP: Omit<PublishSpan, 'data'> = { end() {} };

// The envelope's own traceparent is its last one: createEnvelope writes it after `data`.
const TRACEPARENT = /"traceparent":"[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-([0-9a-f]{2})"/g;

/** Whether the envelope's trace is sampled, read without parsing the whole envelope. */
function isSampled(envelope: string): boolean {
  const flags = [...envelope.matchAll(TRACEPARENT)].at(-1)?.[1];
  return flags !== undefined && (Number.parseInt(flags, 16) & 1) === 1;
}

export function startPublishSpan(subject: string, id: string, envelope: string): PublishSpan {
  if (!isExporting() || !isSampled(envelope)) return { data: envelope, ...NOOP };
  let parsed: { traceparent?: string; subject?: string };
  try {
    parsed = JSON.parse(envelope) as typeof parsed;
  } catch {
    return { data: envelope, ...NOOP };
  }
  const parent = contextFromTraceparent(parsed.traceparent);
  if (!trace.getSpanContext(parent)) return { data: envelope, ...NOOP };
  const span = tracer().startSpan(
    `publish ${subject}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'emporium',
        'messaging.operation.type': 'send',
        'messaging.destination.name': subject,
        'messaging.message.id': id,
        ...(parsed.subject ? { 'emporium.aggregate': parsed.subject } : {}),
      },
    },
    parent,
  );
  if (!span.isRecording()) return { data: envelope, end: () => span.end() };
  const traceparent = traceparentOf(trace.setSpan(parent, span));
  return {
    data: traceparent ? JSON.stringify({ ...parsed, traceparent }) : envelope,
    end(error) {
      if (error)
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    },
  };
}
