// The console's clients: the collector's query API through the gateway (/api/telemetry, typed from its
// OpenAPI document), signed with the session's admin token, and names for the shapes the pages show.
import createClient, { type Middleware } from 'openapi-fetch';
import { useMemo } from 'react';
import { gatewayOrigin } from '../api/clients';
import type { paths } from '../api/generated/telemetry';
import { useSession } from '../session/session';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 202: infer B }
      ? Json<B>
      : never
  : never;

export type ServiceStats = Ok<'/v1/services', 'get'>['items'][number];
export type Topology = Ok<'/v1/topology', 'get'>;
export type RedPoint = Ok<'/v1/metrics/red', 'get'>['series'][number];
export type TraceSummary = Ok<'/v1/traces', 'get'>['items'][number];
export type TraceQueryParams = NonNullable<paths['/v1/traces']['get']['parameters']['query']>;
export type Trace = Ok<'/v1/traces/{trace_id}', 'get'>;
export type Span = Trace['spans'][number];
export type LogLine = Ok<'/v1/logs', 'get'>['items'][number];
export type LogQueryParams = NonNullable<paths['/v1/logs']['get']['parameters']['query']>;
export type Slo = Ok<'/v1/slos', 'get'>['items'][number];
export type DeadLetter = Ok<'/v1/dead-letters', 'get'>['items'][number];

export function createTelemetryClient(accessToken: () => Promise<string | undefined>, origin = gatewayOrigin()) {
  const client = createClient<paths>({ baseUrl: `${origin}/api/telemetry` });
  const sign: Middleware = {
    async onRequest({ request }) {
      const token = await accessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(sign);
  return client;
}

export type TelemetryClient = ReturnType<typeof createTelemetryClient>;

/** The collector client of the signed-in session. */
export function useTelemetry(): TelemetryClient {
  const { accessToken } = useSession();
  return useMemo(() => createTelemetryClient(accessToken), [accessToken]);
}
