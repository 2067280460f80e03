// Reads service-catalog.yaml and validates it against schemas/service-catalog.schema.json (ajv), so
// every later check can trust its shape.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { difference, type Finding, type ServiceCatalog } from './model.js';

export const CATALOG_FILE = 'service-catalog.yaml';
export const CATALOG_SCHEMA_FILE = 'schemas/service-catalog.schema.json';

export type LoadedCatalog = { catalog: ServiceCatalog; findings: [] } | { catalog?: undefined; findings: Finding[] };

/** Problems of `value` against the catalog schema, one finding per error ("/services/orders/slos: ..."). */
export async function validateCatalog(root: string, value: unknown): Promise<Finding[]> {
  const schema = JSON.parse(await readFile(join(root, CATALOG_SCHEMA_FILE), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const service = /^\/services\/([^/]+)/.exec(error.instancePath)?.[1] ?? '(catalog)';
    const extra = error.params && 'additionalProperty' in error.params ? ` (${error.params.additionalProperty})` : '';
    return difference('schema', service, `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${extra}`);
  });
}

export async function loadCatalog(root: string, text?: string): Promise<LoadedCatalog> {
  let value: unknown;
  try {
    value = parse(text ?? (await readFile(join(root, CATALOG_FILE), 'utf8')));
  } catch (error) {
    return {
      findings: [
        difference('schema', '(catalog)', `${CATALOG_FILE} is not readable YAML: ${(error as Error).message}`),
      ],
    };
  }
  const findings = await validateCatalog(root, value);
  return findings.length > 0 ? { findings } : { catalog: value as ServiceCatalog, findings: [] };
}
