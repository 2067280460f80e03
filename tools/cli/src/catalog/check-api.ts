// The API a service serves against its entry: the spec the catalog names is the committed
// services/<name>/openapi.json, it lists exactly the routes the code registers, and it is what the
// code generates (likewise its asyncapi.json, for a service with messages).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiDocument } from '@emporium/api-specs';
import { stableJson } from '@emporium/api-specs';
import { type CodeFacts, exists } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'api';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export function operations(document: ApiDocument | undefined): Set<string> {
  const paths = (document?.paths ?? {}) as Record<string, Record<string, unknown>>;
  return new Set(
    Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.has(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    ),
  );
}

async function readJson(root: string, path: string): Promise<ApiDocument | undefined> {
  try {
    return JSON.parse(await readFile(join(root, path), 'utf8')) as ApiDocument;
  } catch {
    return undefined;
  }
}

export async function checkApi(root: string, catalog: ServiceCatalog, facts: CodeFacts): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [name, entry] of Object.entries(catalog.services)) {
    const expected = `services/${name}/openapi.json`;
    if (entry.api.spec !== expected) {
      findings.push(
        difference(CHECK, name, `api.spec is ${entry.api.spec}; the service's committed OpenAPI file is ${expected}`),
      );
    }
    const generated = facts.documents[name]?.openapi;
    if (!generated) {
      findings.push(difference(CHECK, name, `the code builds no HTTP API for ${name}`));
      continue;
    }
    if (!exists(root, expected)) {
      findings.push(difference(CHECK, name, `${expected} is missing (npm run openapi writes it)`));
      continue;
    }
    const committed = await readJson(root, expected);
    if (committed?.openapi !== '3.1.0')
      findings.push(difference(CHECK, name, `${expected} is not an OpenAPI 3.1.0 document`));
    const served = operations(generated);
    const documented = operations(committed);
    const routeFindings = [
      ...[...served]
        .filter((route) => !documented.has(route))
        .map((route) => difference(CHECK, name, `the code serves ${route} but ${expected} does not list it`)),
      ...[...documented]
        .filter((route) => !served.has(route))
        .map((route) => difference(CHECK, name, `${expected} lists ${route} but the code does not serve it`)),
    ];
    findings.push(...routeFindings);
    if (committed && routeFindings.length === 0 && stableJson(committed) !== stableJson(generated)) {
      findings.push(
        difference(CHECK, name, `${expected} differs from what the route schemas generate (npm run openapi)`),
      );
    }
    findings.push(...(await checkAsyncApi(root, name, entry.api.asyncapi, facts.documents[name]?.asyncapi)));
  }
  return findings;
}

async function checkAsyncApi(
  root: string,
  name: string,
  declared: string | undefined,
  generated: ApiDocument | undefined,
): Promise<Finding[]> {
  const expected = `services/${name}/asyncapi.json`;
  if (!generated) {
    return declared ? [difference(CHECK, name, `api.asyncapi names ${declared} but ${name} has no messages`)] : [];
  }
  if (declared !== expected) return [difference(CHECK, name, `api.asyncapi should be ${expected} (it has messages)`)];
  const committed = await readJson(root, expected);
  if (!committed) return [difference(CHECK, name, `${expected} is missing (npm run openapi writes it)`)];
  return stableJson(committed) === stableJson(generated)
    ? []
    : [difference(CHECK, name, `${expected} differs from what the contracts generate (npm run openapi)`)];
}
