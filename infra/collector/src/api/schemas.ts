// The collector API's schemas: each route's query and answer, the source of validation and of the
// OpenAPI document (see API.md for the prose).
import { Type } from '@emporium/service-kit';
import { DURATION_PATTERN } from '../query/durations.js';
import { LOG_LEVELS } from '../store/records.js';

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String>>(t: T) =>
  Type.Union([t, Type.Null()]);
const Duration = (fallback: string, description: string) =>
  Type.String({ pattern: DURATION_PATTERN, default: fallback, description });

export const WindowQuery = Type.Object({ window: Duration('5m', 'how far back: 30s, 5m, 1h (at most 24h)') });
export const SloQuery = Type.Object({ window: Duration('1h', 'how far back: 30s, 5m, 1h (at most 24h)') });

export const RedQuery = Type.Object({
  service: Type.String({ minLength: 1, maxLength: 100 }),
  window: Duration('15m', 'how far back (at most 24h)'),
  step: Duration('15s', 'bucket width (1s to 1h)'),
});

const Red = {
  rate_rps: Type.Number(),
  error_rate: Type.Number(),
  p50_ms: Nullable(Type.Number()),
  p99_ms: Nullable(Type.Number()),
};

export const ServicesAnswer = Type.Object({
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      instances: Type.Integer(),
      version: Nullable(Type.String()),
      ...Red,
      messages: Type.Object(
        {
          rate_rps: Type.Number(),
          error_rate: Type.Number(),
          p99_ms: Nullable(Type.Number()),
        },
        { description: 'messages the process consumed: deliveries/s, share retried or dead-lettered, p99 lag' },
      ),
      up: Type.Boolean(),
    }),
  ),
});

export const RedAnswer = Type.Object({
  service: Type.String(),
  series: Type.Array(Type.Object({ t: Type.String({ format: 'date-time' }), ...Red })),
});

export const TopologyAnswer = Type.Object({
  nodes: Type.Array(
    Type.Object({
      name: Type.String(),
      kind: Type.Union([Type.Literal('service'), Type.Literal('gateway'), Type.Literal('infra')]),
    }),
  ),
  edges: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      kind: Type.Union([Type.Literal('http'), Type.Literal('message')]),
      declared: Type.Boolean(),
      observed: Type.Boolean(),
      rate_rps: Type.Number(),
      error_rate: Type.Number(),
      p99_ms: Nullable(Type.Number()),
    }),
  ),
});

export const TracesQuery = Type.Object({
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  order_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  error: Type.Optional(Type.Boolean()),
  min_duration_ms: Type.Optional(Type.Number({ minimum: 0 })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
});

export const TracesAnswer = Type.Object({
  items: Type.Array(
    Type.Object({
      trace_id: Type.String(),
      root_service: Type.String(),
      root_name: Type.String(),
      start_time: Type.String({ format: 'date-time' }),
      duration_ms: Type.Number(),
      span_count: Type.Integer(),
      services: Type.Array(Type.String()),
      error: Type.Boolean(),
    }),
  ),
});

export const TraceParams = Type.Object({ trace_id: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

export const TraceAnswer = Type.Object({
  trace_id: Type.String(),
  spans: Type.Array(
    Type.Object({
      span_id: Type.String(),
      parent_span_id: Nullable(Type.String()),
      name: Type.String(),
      service: Type.String(),
      kind: Type.Union([
        Type.Literal('internal'),
        Type.Literal('server'),
        Type.Literal('client'),
        Type.Literal('producer'),
        Type.Literal('consumer'),
      ]),
      start_time: Type.String({ format: 'date-time' }),
      start_unix_nano: Type.String(),
      duration_ms: Type.Number(),
      status: Type.Object({
        code: Type.Union([Type.Literal('unset'), Type.Literal('ok'), Type.Literal('error')]),
        message: Type.Optional(Type.String()),
      }),
      attributes: Type.Record(Type.String(), Type.Unknown()),
      links: Type.Array(Type.Object({ trace_id: Type.String(), span_id: Type.String() })),
    }),
  ),
});

export const LogsQuery = Type.Object({
  service: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  trace_id: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
  level: Type.Optional(Type.Union(LOG_LEVELS.map((l) => Type.Literal(l)))),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});

export const LogsAnswer = Type.Object({
  items: Type.Array(
    Type.Object({
      time: Type.String({ format: 'date-time' }),
      service: Type.String(),
      level: Type.String(),
      msg: Type.String(),
      trace_id: Nullable(Type.String()),
      span_id: Nullable(Type.String()),
      request_id: Nullable(Type.String()),
      fields: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const SlosAnswer = Type.Object({
  items: Type.Array(
    Type.Object({
      service: Type.String(),
      availability_target: Type.Number(),
      availability: Type.Number(),
      latency_p99_target_ms: Nullable(Type.Number()),
      latency_p99_ms: Nullable(Type.Number()),
      error_budget_remaining: Type.Number(),
      burn_rate: Type.Number(),
    }),
  ),
});

export const DeadLettersAnswer = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      subject: Type.String(),
      type: Nullable(Type.String()),
      consumer: Type.String(),
      deliveries: Type.Integer(),
      reason: Type.String(),
      time: Nullable(Type.String()),
      data: Type.Unknown(),
    }),
  ),
});

export const DeadLetterParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) });
export const ReplayAnswer = Type.Object({ replayed: Type.String() });
