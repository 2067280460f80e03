// What the local mesh applies for one destination service, as read from its VirtualService and
// DestinationRule, with Istio's defaults where a file says nothing.

export type RetryCondition = '5xx' | 'gateway-error' | 'reset' | 'connect-failure' | 'retriable-4xx' | 'refused-stream';

export interface RetryPolicy {
  /** Retries after the first try (Istio's `attempts`). */
  attempts: number;
  perTryTimeoutMs: number | undefined;
  conditions: Set<RetryCondition>;
  /** Status codes named in retryOn (Istio's retriable-status-codes). */
  statusCodes: Set<number>;
}

export interface WeightedDestination {
  subset: string | undefined;
  weight: number;
}

export interface FaultPolicy {
  delay?: { percent: number; ms: number };
  abort?: { percent: number; status: number };
}

export interface RoutePolicy {
  destinations: WeightedDestination[];
  /** Until the response headers arrive, over all tries; undefined = no limit (Istio's default). */
  timeoutMs: number | undefined;
  retries: RetryPolicy;
  fault: FaultPolicy | undefined;
}

export interface ConnectionPoolPolicy {
  /** Connections per upstream instance. */
  maxConnections: number | undefined;
  connectTimeoutMs: number;
  /** Requests that may wait for a connection before the mesh answers 503 (overflow). */
  maxPendingRequests: number | undefined;
}

export interface OutlierPolicy {
  consecutive5xxErrors: number | undefined;
  consecutiveGatewayErrors: number | undefined;
  intervalMs: number;
  baseEjectionTimeMs: number;
  maxEjectionPercent: number;
}

export interface DestinationPolicy {
  subsets: Map<string, Record<string, string>>;
  connectionPool: ConnectionPoolPolicy;
  outlier: OutlierPolicy | undefined;
}

export interface ServicePolicy {
  route: RoutePolicy;
  destination: DestinationPolicy;
}

/** Istio's retry policy when a VirtualService sets none: 2 retries on connect failures and 503. */
export const defaultRetries = (): RetryPolicy => ({
  attempts: 2,
  perTryTimeoutMs: undefined,
  conditions: new Set(['connect-failure', 'refused-stream']),
  statusCodes: new Set([503]),
});

export const defaultRoute = (): RoutePolicy => ({
  destinations: [{ subset: undefined, weight: 100 }],
  timeoutMs: undefined,
  retries: defaultRetries(),
  fault: undefined,
});

/** Envoy's connect timeout default in Istio is 10 s. */
export const defaultDestination = (): DestinationPolicy => ({
  subsets: new Map(),
  connectionPool: { maxConnections: undefined, connectTimeoutMs: 10_000, maxPendingRequests: undefined },
  outlier: undefined,
});
