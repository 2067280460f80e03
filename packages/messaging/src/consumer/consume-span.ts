// The consumer span of one delivery: a child of the producer's span (the envelope's traceparent), so
// the work a message causes joins the trace of the request that sent it. It covers the handler and the
// commit, and ends with what became of the delivery.

import type { CloudEvent } from '@emporium/contracts';
import { contextFromTraceparent, isExporting, tracer } from '@emporium/service-kit';
import { type Context, context, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import type { Delivery } from '../bus.js';
import type { ConsumeOutcome } from '../metrics.js';
import { messageLag } from '../metrics.js';

export interface ConsumeSpan {
  /** Run the handler in this context: its queries and what it publishes belong to the span. */
  context: Context;
  end(outcome: ConsumeOutcome, error?: unknown): void;
}

const orderIdOf = (data: unknown) => {
  const id = (data as { order_id?: unknown } | null)?.order_id;
  return typeof id === 'string' ? id : undefined;
};

export function startConsumeSpan(durable: string, delivery: Delivery, envelope: CloudEvent): ConsumeSpan {
  const parent = contextFromTraceparent(envelope.traceparent);
  const sent = Date.parse(envelope.time);
  const observeLag = (outcome: ConsumeOutcome) => {
    if (Number.isFinite(sent) && (outcome === 'handled' || outcome === 'duplicate')) {
      messageLag.observe({ consumer: durable }, Math.max(0, Date.now() - sent) / 1000);
    }
  };
  const remote = trace.getSpanContext(parent);
  if (remote && !isExporting()) {
    // Nothing is recorded: skip the span, but keep the trace id flowing to what the handler sends,
    // unsampled, as the SDK's always-off sampler would pass it on. (Without a parent the tracer below
    // still makes the new trace id.)
    return {
      context: trace.setSpanContext(context.active(), { ...remote, isRemote: false, traceFlags: TraceFlags.NONE }),
      end: observeLag,
    };
  }
  const orderId = orderIdOf(envelope.data);
  const span = tracer().startSpan(
    `process ${envelope.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'emporium',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivery.subject,
        'messaging.message.id': envelope.id,
        'messaging.consumer.group.name': durable,
        'messaging.message.delivery_count': delivery.deliveryCount,
        ...(envelope.correlationid ? { 'messaging.message.conversation_id': envelope.correlationid } : {}),
        ...(orderId ? { 'emporium.order_id': orderId } : {}),
      },
    },
    parent,
  );
  return {
    context: trace.setSpan(context.active(), span),
    end(outcome, error) {
      span.setAttribute('emporium.consume.outcome', outcome);
      if (error !== undefined) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      span.end();
      observeLag(outcome);
    },
  };
}
