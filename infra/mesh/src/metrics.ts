// The mesh's own Prometheus metrics, served with the process metrics at the admin port's /metrics:
// what callers got, what each upstream instance answered, retries, ejections, faults and overflows.
import { Counter, Gauge, Histogram } from 'prom-client';

export const meshMetrics = {
  requests: new Counter({
    name: 'mesh_requests_total',
    help: 'Requests the mesh answered, by destination, chosen subset and status code',
    labelNames: ['destination', 'subset', 'code'] as const,
  }),
  duration: new Histogram({
    name: 'mesh_request_duration_seconds',
    help: 'Time from a request arriving at the mesh to its response headers, over all tries',
    labelNames: ['destination'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  upstreamRequests: new Counter({
    name: 'mesh_upstream_requests_total',
    help: 'Tries sent to each upstream instance, by outcome (status code, connect_failure, reset, timeout, overflow)',
    labelNames: ['destination', 'instance', 'outcome'] as const,
  }),
  retries: new Counter({
    name: 'mesh_retries_total',
    help: 'Tries after the first one, by destination and the reason of the try before',
    labelNames: ['destination', 'reason'] as const,
  }),
  ejections: new Counter({
    name: 'mesh_outlier_ejections_total',
    help: 'Times an upstream instance was ejected by outlier detection',
    labelNames: ['destination', 'instance'] as const,
  }),
  ejected: new Gauge({
    name: 'mesh_outlier_ejected',
    help: '1 while an upstream instance is ejected',
    labelNames: ['destination', 'instance'] as const,
  }),
  faults: new Counter({
    name: 'mesh_faults_injected_total',
    help: 'Faults injected by the VirtualService fault policy, by kind (delay, abort)',
    labelNames: ['destination', 'kind'] as const,
  }),
  reloads: new Counter({
    name: 'mesh_config_reloads_total',
    help: 'Loads of the Istio resource files, by outcome (applied, refused)',
    labelNames: ['outcome'] as const,
  }),
};

export type MeshMetrics = typeof meshMetrics;
