// Canary instances: `--canary orders=v2` (or EMPORIUM_CANARIES=orders=v2,catalog=v2) starts a second
// instance of a service, same code and database, labelled with that version on its own port, so the
// mesh's VirtualService can send it a share of the traffic (`emporium traffic orders 90/10`).
import { CANARY_OFFSET } from './mesh-routing.js';
import type { ServiceSpec } from './services.js';

export interface Canary {
  service: string;
  version: string;
}

const VERSION = /^v[0-9][a-z0-9-]{0,20}$/;

/** "orders=v2,catalog=v3" → canaries; throws with the reason for a malformed entry. */
export function parseCanaries(text: string): Canary[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [service = '', version = '', ...rest] = entry.split('=');
      if (!service || !VERSION.test(version) || rest.length > 0)
        throw new Error(`a canary is service=version, such as orders=v2 (got "${entry}")`);
      return { service, version };
    });
}

/** The process of each canary; throws if a canary names no service, the stable v1, or one service twice. */
export function canarySpecs(canaries: Canary[], services: ServiceSpec[]): ServiceSpec[] {
  const seen = new Set<string>();
  return canaries.map(({ service, version }) => {
    const base = services.find((s) => s.name === service && s.role === 'service');
    if (!base) throw new Error(`--canary ${service}=${version}: there is no service named ${service}`);
    if (version === 'v1') throw new Error(`--canary ${service}=v1: v1 is the stable version every service runs`);
    if (seen.has(service)) throw new Error(`--canary ${service}: one canary per service`);
    seen.add(service);
    return {
      ...base,
      name: `${service}-${version}`,
      portOffset: CANARY_OFFSET + base.portOffset,
      instanceOf: service,
      version,
    };
  });
}
