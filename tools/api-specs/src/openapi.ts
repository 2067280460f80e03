// A service's OpenAPI 3.1 document as generated from its route schemas. `info.version` is the API's
// version: the service package's version, which a breaking change must bump (see breaking-changes.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ApiService, buildServiceApp } from './service-apps.js';
import { sortKeys } from './stable-json.js';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
}

export async function apiVersion(root: string, service: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'services', service, 'package.json'), 'utf8')) as {
    version?: string;
  };
  if (!pkg.version) throw new Error(`services/${service}/package.json has no version`);
  return pkg.version;
}

/** Builds `service`'s app on a scratch database and returns its document, keys sorted. */
export async function generateOpenApi(
  root: string,
  service: ApiService,
  databaseUrl: string,
): Promise<OpenApiDocument> {
  const app = await buildServiceApp(service, databaseUrl);
  try {
    const document = app.swagger() as unknown as OpenApiDocument;
    const versioned = { ...document, info: { ...document.info, version: await apiVersion(root, service) } };
    return sortKeys(structuredClone(versioned)) as OpenApiDocument;
  } finally {
    await app.close();
  }
}
