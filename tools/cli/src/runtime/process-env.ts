// What each process of the runtime is told: its port and address, its database and broker, where the
// other services are (through the local mesh), and where its telemetry goes.
import { canarySpecs } from '../canaries.js';
import { isMeshed, meshListenerOffset } from '../mesh-routing.js';
import { type Addresses, SERVICES, type ServiceSpec } from '../services.js';
import type { Settings } from '../settings.js';

export const portOf = (s: Settings, spec: ServiceSpec) =>
  spec.role === 'gateway' ? s.gatewayPort : s.portBase + spec.portOffset;
export const urlOf = (s: Settings, spec: ServiceSpec) => `http://${s.host}:${portOf(s, spec)}`;

export function addressesOf(settings: Settings): Addresses {
  const spec = (name: string) => {
    const found = SERVICES.find((s) => s.name === name);
    if (!found) throw new Error(`no process named ${name}`);
    return found;
  };
  const canaries = canarySpecs(settings.canaries, SERVICES);
  return {
    url: (name) => urlOf(settings, spec(name)),
    portAt: (offset) => settings.portBase + offset,
    dataDir: settings.dataDir,
    host: settings.host,
    meshUrl: (name) => `http://${settings.host}:${settings.portBase + meshListenerOffset(spec(name))}`,
    instancesOf: (name) => [
      { url: urlOf(settings, spec(name)), version: 'v1' },
      ...canaries
        .filter((c) => c.instanceOf === name)
        .map((c) => ({ url: urlOf(settings, c), version: c.version ?? 'v1' })),
    ],
  };
}

export function envFor(
  settings: Settings,
  spec: ServiceSpec,
  databaseUrl: string | undefined,
  busUrl: string,
): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(portOf(settings, spec)),
    HOST: settings.host,
    LOG_LEVEL: settings.logLevel,
    SERVICE_VERSION: spec.version ?? 'v1',
    // The token keys are fetched from users through the mesh, like every other call between services.
    JWKS_URL: `${addressesOf(settings).meshUrl('users')}/.well-known/jwks.json`,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (databaseUrl || spec.bus) env.BUS_URL = busUrl;
  // Every process sends its spans to the local collector (OTEL_SDK_DISABLED=true in our env turns it off).
  const collector = SERVICES.find((s) => s.name === 'collector');
  if (collector && spec.name !== 'collector') env.OTEL_EXPORTER_OTLP_ENDPOINT = urlOf(settings, collector);
  Object.assign(env, spec.env?.(addressesOf(settings)));
  // The embedded broker (an http:// BUS_URL) serves /metrics too; the collector scrapes it with the rest.
  if (spec.name === 'collector' && busUrl.startsWith('http')) env.COLLECTOR_SCRAPE_TARGETS += `,broker=${busUrl}`;
  if (spec.name === 'users' && settings.admin) {
    env.EMPORIUM_ADMIN_EMAIL = settings.admin.email;
    env.EMPORIUM_ADMIN_PASSWORD = settings.admin.password;
  }
  if (spec.role === 'gateway') {
    // Through the mesh: its routes (weights, canaries), retries and outlier detection apply to the gateway too.
    const at = addressesOf(settings);
    env.UPSTREAMS = SERVICES.filter((s) => s.route)
      .map((s) => `${s.route}=${isMeshed(s) ? at.meshUrl(s.name) : at.url(s.name)}`)
      .join(',');
  }
  return env;
}
