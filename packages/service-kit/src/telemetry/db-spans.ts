// Database spans: every query a pooled client runs, as a child of the active span. Queries outside
// any traced work (the outbox relay's poll, the job runner's fetch) make no span of their own, so they
// cannot flood the store with one-span traces. Statements are recorded without their parameters.
import { context, SpanKind, trace } from '@opentelemetry/api';
import type pg from 'pg';
import { failSpan } from './context.js';
import { tracer } from './tracing.js';

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;
const MAX_STATEMENT = 1000;
const traced = Symbol('emporium.traced');

function statementOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && typeof (first as { text?: unknown }).text === 'string') {
    return (first as { text: string }).text;
  }
  return undefined;
}

/** Wraps a client's query so each call (with an active recorded span) gets a child span. */
function traceClient(client: pg.PoolClient, database: string): void {
  const marked = client as pg.PoolClient & { [traced]?: boolean };
  if (marked[traced]) return;
  marked[traced] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const statement = statementOf(args);
    const parent = trace.getActiveSpan();
    if (!statement || !parent?.isRecording() || TRANSACTION_CONTROL.test(statement)) return query(...args);
    const operation = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? 'QUERY';
    const span = tracer().startSpan(`${operation} ${database}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': database,
        'db.operation.name': operation,
        'db.query.text': statement.length > MAX_STATEMENT ? `${statement.slice(0, MAX_STATEMENT)}…` : statement,
      },
    });
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        if (error) failSpan(span, error);
        span.end();
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
      return context.with(trace.setSpan(context.active(), span), () => query(...args));
    }
    const result = context.with(trace.setSpan(context.active(), span), () => query(...args));
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => span.end(),
        (error: unknown) => {
          failSpan(span, error);
          span.end();
        },
      );
    } else {
      span.end();
    }
    return result;
  };
}

/**
 * Traces every client of `pool`, and keeps the caller's context across the pool's wait for a free
 * client (pg-pool calls back from whoever released one, which would otherwise lend its trace).
 */
export function tracePool(pool: pg.Pool, database: string): void {
  pool.on('connect', (client) => traceClient(client, database));
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
  (pool as { connect: unknown }).connect = (callback?: (...args: unknown[]) => void) =>
    callback ? connect(context.bind(context.active(), callback)) : connect();
}
