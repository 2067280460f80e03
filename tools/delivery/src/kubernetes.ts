// Reading deploy/kubernetes the way `kubectl apply -k` does, for the checks that keep the manifests in
// step with the services (their config schemas and Dockerfiles) and deploy/istio. Only the part of
// Kustomize the layout uses is read — resources, namespace, env-file and literal generators with fixed
// names — and any other field is refused by name, so the reader cannot silently differ from kustomize.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const KUBERNETES_DIR = 'deploy/kubernetes';
export const ISTIO_DIR = 'deploy/istio';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are free-form; the checks read what they need.
  spec?: any;
  data?: Record<string, string>;
  [field: string]: unknown;
}

interface Generator {
  name: string;
  envs?: string[];
  literals?: string[];
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

export interface RenderOptions {
  /** Read `<file>.example` for a generator's env file that does not exist (the secrets a user creates). */
  examplesForMissing?: boolean;
}

/** The objects `kubectl kustomize <dir>` renders, generated Secrets and ConfigMaps with their data in clear. */
export async function renderKustomization(dir: string, options: RenderOptions = {}): Promise<KubeObject[]> {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parseAllDocuments(await readFile(file, 'utf8'))[0]?.toJS() as Kustomization;
  const unknown = Object.keys(kustomization).filter((field) => !KNOWN_FIELDS.has(field));
  if (unknown.length > 0) throw new Error(`${file}: ${unknown.join(', ')} not read by this checker`);
  const generated = [...(kustomization.configMapGenerator ?? []), ...(kustomization.secretGenerator ?? [])];
  if (generated.length > 0 && kustomization.generatorOptions?.disableNameSuffixHash !== true)
    throw new Error(`${file}: generated names get a hash suffix (set generatorOptions.disableNameSuffixHash)`);

  const objects: KubeObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(dir, resource);
    if (existsSync(join(path, 'kustomization.yaml'))) objects.push(...(await renderKustomization(path, options)));
    else objects.push(...(await readManifests(path)));
  }
  for (const generator of kustomization.configMapGenerator ?? [])
    objects.push(await generate('ConfigMap', dir, generator, options));
  for (const generator of kustomization.secretGenerator ?? [])
    objects.push(await generate('Secret', dir, generator, options));
  if (kustomization.namespace) {
    for (const object of objects) if (object.kind !== 'Namespace') object.metadata.namespace = kustomization.namespace;
  }
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (seen.has(id)) throw new Error(`${file}: ${id} twice`);
    seen.add(id);
  }
  return objects;
}

async function generate(
  kind: 'ConfigMap' | 'Secret',
  dir: string,
  generator: Generator,
  options: RenderOptions,
): Promise<KubeObject> {
  const data: Record<string, string> = {};
  for (const env of generator.envs ?? []) {
    const path = join(dir, env);
    const source = !existsSync(path) && options.examplesForMissing ? `${path}.example` : path;
    Object.assign(data, parseEnvFile(await readFile(source, 'utf8')));
  }
  Object.assign(data, parseEnvFile((generator.literals ?? []).join('\n')));
  return { apiVersion: 'v1', kind, metadata: { name: generator.name }, data };
}

/** KEY=VALUE lines as kustomize's `envs` reads them; blank lines and `#` comments skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) throw new Error(`not KEY=VALUE: ${trimmed}`);
    data[trimmed.slice(0, equals)] = trimmed.slice(equals + 1);
  }
  return data;
}

/** Every document of a YAML file, as plain objects. */
export async function readManifests(path: string): Promise<KubeObject[]> {
  const text = await readFile(path, 'utf8');
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

export function objectsOf(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects: KubeObject[], kind: string, name: string): KubeObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** The value each env var of a container gets, resolving references to the rendered Secrets and ConfigMaps. */
export function resolveEnv(env: EnvVar[], objects: KubeObject[]): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const variable of env) {
    if (variable.value !== undefined) {
      values.set(variable.name, variable.value);
      continue;
    }
    const secret = variable.valueFrom?.secretKeyRef;
    const config = variable.valueFrom?.configMapKeyRef;
    const ref = secret ?? config;
    const source = ref && named(objects, secret ? 'Secret' : 'ConfigMap', ref.name);
    values.set(variable.name, ref ? source?.data?.[ref.key] : undefined);
  }
  return values;
}

/** A TypeBox object schema, as far as the checks read it. */
export interface SettingsSchema {
  type: 'object';
  properties: Record<string, { default?: unknown; pattern?: string }>;
  required?: string[];
}

function isSettingsSchema(value: unknown): value is SettingsSchema {
  const schema = value as SettingsSchema | undefined;
  return schema?.type === 'object' && typeof schema.properties === 'object';
}

/**
 * A service's settings schema: the object schema its compiled src/config.ts exports (one per service),
 * so the checks follow the code rather than a copied list. Needs the service built.
 */
export async function serviceSettings(root: string, service: string): Promise<SettingsSchema> {
  const path = join(root, 'services', service, 'dist/src/config.js');
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const schemas = Object.values(module).filter(isSettingsSchema);
  if (schemas.length !== 1) throw new Error(`${path} exports ${schemas.length} settings schemas, not one`);
  return schemas[0] as SettingsSchema;
}

/** The settings a process will not start without: required, with no default. */
export function requiredSettings(schema: SettingsSchema): string[] {
  return (schema.required ?? []).filter((name) => schema.properties[name]?.default === undefined);
}
