// The local mesh: one listener per destination service, the policies read from the Istio files, and
// reloading them when they change (a set with errors is refused whole; the running one stays).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationEndpoints } from './endpoints.js';
import { loadMeshConfig, type MeshConfig } from './istio/load.js';
import { defaultDestination, defaultRoute, type ServicePolicy } from './istio/policy.js';
import type { MeshMetrics } from './metrics.js';
import { Destination } from './proxy/destination.js';
import { forward } from './proxy/forward.js';
import { sendLocalReply } from './proxy/local-reply.js';

export interface MeshOptions {
  configDir: string;
  endpoints: DestinationEndpoints[];
  host: string;
  metrics: MeshMetrics;
  maxBodyBytes: number;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export class MeshConfigRefused extends Error {}

const policyFor = (config: MeshConfig, name: string): ServicePolicy =>
  config.services.get(name) ?? { route: defaultRoute(), destination: defaultDestination() };

export class Mesh {
  readonly destinations = new Map<string, Destination>();
  readonly ports = new Map<string, number>();
  private readonly servers: Server[] = [];
  private config: MeshConfig;
  private loadedAt = new Date();

  private constructor(
    private readonly options: MeshOptions,
    config: MeshConfig,
  ) {
    this.config = config;
  }

  static async start(options: MeshOptions): Promise<Mesh> {
    const config = await loadMeshConfig(options.configDir);
    if (config.findings.errors.length > 0) throw new MeshConfigRefused(config.findings.errors.join('\n'));
    const mesh = new Mesh(options, config);
    mesh.report(config);
    for (const endpoints of options.endpoints) await mesh.listen(endpoints);
    return mesh;
  }

  private async listen({ name, port, instances }: DestinationEndpoints): Promise<void> {
    const destination = new Destination(name, instances, policyFor(this.config, name), this.options.metrics, (m) =>
      this.options.log.warn(m),
    );
    this.destinations.set(name, destination);
    const server = createServer((req, res) => {
      forward(destination, req, res, { metrics: this.options.metrics, maxBodyBytes: this.options.maxBodyBytes }).catch(
        (error: unknown) => {
          // A defect in the mesh answers this one request, and never takes the listener down.
          this.options.log.error(`${name}: ${req.method} ${req.url} failed in the mesh: ${(error as Error).stack}`);
          sendLocalReply(res, 502, 'the mesh failed to forward this request');
        },
      );
    });
    server.keepAliveTimeout = 65_000;
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.options.host, () => resolve());
    });
    this.ports.set(name, (server.address() as AddressInfo).port);
  }

  /** Reads the files again; applies them only if they have no errors. */
  async reload(): Promise<{ applied: boolean; errors: string[] }> {
    let config: MeshConfig;
    try {
      config = await loadMeshConfig(this.options.configDir);
    } catch (error) {
      config = { services: new Map(), files: [], findings: { errors: [(error as Error).message], unsupported: [] } };
    }
    const { errors } = config.findings;
    if (errors.length > 0) {
      this.options.metrics.reloads.inc({ outcome: 'refused' });
      this.options.log.error(`mesh config refused, the running one stays:\n  ${errors.join('\n  ')}`);
      return { applied: false, errors };
    }
    const previous = this.config;
    this.config = config;
    this.loadedAt = new Date();
    for (const destination of this.destinations.values()) destination.apply(policyFor(config, destination.name));
    this.options.metrics.reloads.inc({ outcome: 'applied' });
    this.options.log.info(`mesh config applied from ${config.files.join(', ')}`);
    if (config.findings.unsupported.join() !== previous.findings.unsupported.join()) this.report(config);
    return { applied: true, errors: [] };
  }

  /** Names at start (and after each reload) what the files ask for that the local mesh does not do. */
  private report(config: MeshConfig): void {
    const { unsupported } = config.findings;
    if (unsupported.length > 0)
      this.options.log.warn(`not applied by the local mesh (unsupported):\n  ${unsupported.join('\n  ')}`);
    const served = new Set(this.options.endpoints.map((e) => e.name));
    const unserved = [...config.services.keys()].filter((host) => !served.has(host));
    if (unserved.length > 0)
      this.options.log.warn(`no instances known for ${unserved.join(', ')}: their routes are loaded but not served`);
  }

  snapshot() {
    return {
      loaded_at: this.loadedAt.toISOString(),
      files: this.config.files,
      unsupported: this.config.findings.unsupported,
      destinations: [...this.destinations.values()].map((d) => {
        const { route, destination } = d.policy;
        return {
          name: d.name,
          port: this.ports.get(d.name),
          route: {
            destinations: route.destinations,
            timeout_ms: route.timeoutMs ?? null,
            retries: {
              attempts: route.retries.attempts,
              per_try_timeout_ms: route.retries.perTryTimeoutMs ?? null,
              retry_on: [...route.retries.conditions, ...[...route.retries.statusCodes].map(String)],
            },
            fault: route.fault ?? null,
          },
          subsets: Object.fromEntries(destination.subsets),
          connection_pool: destination.connectionPool,
          outlier_detection: destination.outlier ?? null,
          instances: d.instances.map((i) => {
            const until = d.detector.ejectedUntil(i.url);
            return { url: i.url, labels: i.labels, ejected_until: until ? new Date(until).toISOString() : null };
          }),
        };
      }),
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      ),
    );
    await Promise.all([...this.destinations.values()].map((d) => d.close()));
  }
}
