// The destinations the mesh serves, from MESH_ENDPOINTS (JSON, written by `emporium up`):
// {"catalog": {"port": 8122, "instances": [{"url": "http://127.0.0.1:8102", "labels": {"version": "v1"}}]}}
// Each destination gets a listener on its port; its instances are where that listener sends requests.
import { ConfigError } from '@emporium/service-kit';

export interface Instance {
  url: string;
  labels: Record<string, string>;
}

export interface DestinationEndpoints {
  name: string;
  port: number;
  instances: Instance[];
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function instanceOf(name: string, value: unknown, index: number): Instance {
  const where = `MESH_ENDPOINTS ${name}.instances[${index}]`;
  if (!isRecord(value) || typeof value.url !== 'string') throw new ConfigError(`${where} must have a url`);
  let url: URL;
  try {
    url = new URL(value.url);
  } catch {
    throw new ConfigError(`${where}.url "${value.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' || url.pathname !== '/') throw new ConfigError(`${where}.url must be http://host:port`);
  const labels = value.labels ?? {};
  if (!isRecord(labels) || !Object.values(labels).every((v) => typeof v === 'string'))
    throw new ConfigError(`${where}.labels must map names to strings`);
  return { url: url.origin, labels: labels as Record<string, string> };
}

export function parseEndpoints(text: string): DestinationEndpoints[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`MESH_ENDPOINTS is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new ConfigError('MESH_ENDPOINTS must be an object of destinations');
  const ports = new Set<number>();
  return Object.entries(value).map(([name, entry]) => {
    if (!NAME.test(name)) throw new ConfigError(`MESH_ENDPOINTS: "${name}" is not a service name`);
    if (!isRecord(entry)) throw new ConfigError(`MESH_ENDPOINTS ${name} must be an object`);
    const port = entry.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
      throw new ConfigError(`MESH_ENDPOINTS ${name}.port must be a port number`);
    if (port !== 0 && ports.has(port)) throw new ConfigError(`MESH_ENDPOINTS ${name}.port ${port} is taken twice`);
    ports.add(port);
    if (!Array.isArray(entry.instances)) throw new ConfigError(`MESH_ENDPOINTS ${name}.instances must be a list`);
    return { name, port, instances: entry.instances.map((i, index) => instanceOf(name, i, index)) };
  });
}
