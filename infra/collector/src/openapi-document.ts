// The collector's OpenAPI document, built from its route schemas without listening or reading a real
// store: committed as infra/collector/openapi.json, from which the console's typed client is generated.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteTokenVerifier } from '@emporium/service-kit';
import { buildCollectorApp } from './app.js';
import { openStore } from './store/store.js';

/** The committed document, next to the collector's package.json. */
export const OPENAPI_PATH = new URL('../../openapi.json', import.meta.url);

export async function collectorOpenApi(version: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emporium-collector-openapi-'));
  const store = openStore(dir);
  const app = await buildCollectorApp({
    version,
    logLevel: 'silent',
    verifier: createRemoteTokenVerifier('http://127.0.0.1:9/unused', {
      issuer: 'emporium-users',
      audience: 'emporium',
    }),
    store,
    catalog: [],
    targets: [],
    lookbackMs: 60_000,
    bus: async () => undefined,
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The API's version: the collector package's version, as for the services' committed documents. */
export async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
