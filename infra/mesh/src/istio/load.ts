// Reads every *.yaml file of a folder of Istio resources into the mesh's policies. Values that are
// wrong are errors (the whole set is refused, so a bad edit never half-applies); fields and kinds
// the local mesh does not implement are named in `unsupported`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type ParsedDestinationRule, parseDestinationRule } from './destination-rule.js';
import { defaultDestination, defaultRoute, type ServicePolicy } from './policy.js';
import { emptyFindings, FieldReader, type Findings } from './reader.js';
import { type ParsedVirtualService, parseVirtualService } from './virtual-service.js';

export interface MeshConfig {
  /** By short host name (`catalog`). */
  services: Map<string, ServicePolicy>;
  findings: Findings;
  files: string[];
}

const NETWORKING = /^networking\.istio\.io\/(v1|v1beta1|v1alpha3)$/;
const SECURITY = /^security\.istio\.io\/(v1|v1beta1)$/;
const ISTIO_ONLY: Record<string, string> = {
  PeerAuthentication: 'mTLS is applied by Istio only',
  AuthorizationPolicy: 'caller authorization is applied by Istio only',
};

export async function loadMeshConfig(dir: string): Promise<MeshConfig> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const texts = await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const));
  return parseMeshConfig(texts);
}

interface Parsed {
  routes: Map<string, { vs: ParsedVirtualService; where: string }>;
  rules: Map<string, { dr: ParsedDestinationRule; where: string }>;
}

const labelOf = (value: unknown, key: string): string => {
  const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof found === 'string' ? found : '';
};

/** `texts`: [file name, contents]. */
export function parseMeshConfig(texts: ReadonlyArray<readonly [string, string]>): MeshConfig {
  const findings = emptyFindings();
  const parsed: Parsed = { routes: new Map(), rules: new Map() };
  for (const [file, text] of texts) {
    for (const [index, document] of parseAllDocuments(text).entries()) {
      if (document.errors.length > 0) {
        findings.errors.push(`${file}#${index + 1}: ${document.errors.map((e) => e.message).join('; ')}`);
        continue;
      }
      const value: unknown = document.toJS();
      if (value === null || value === undefined) continue; // an empty document (a trailing ---)
      const kind = labelOf(value, 'kind');
      const where = `${file} ${kind || '(no kind)'} ${nameOf(value)}`;
      const resource = FieldReader.of(where, '', value, findings);
      if (resource) readResource(resource, kind, parsed);
    }
  }
  return { services: combine(parsed, findings), findings, files: texts.map(([f]) => f) };
}

function nameOf(value: unknown): string {
  const metadata = typeof value === 'object' && value !== null ? (value as { metadata?: unknown }).metadata : undefined;
  return labelOf(metadata, 'name') || '(unnamed)';
}

function readResource(resource: FieldReader, kind: string, parsed: Parsed): void {
  const apiVersion = resource.string('apiVersion') ?? '';
  resource.string('kind');
  const metadata = resource.object('metadata');
  metadata?.string('name');
  metadata?.accept('namespace', 'labels', 'annotations');
  metadata?.finish();
  const { where, findings } = resource;
  if (kind !== 'VirtualService' && kind !== 'DestinationRule') {
    const note = SECURITY.test(apiVersion) ? ISTIO_ONLY[kind] : undefined;
    findings.unsupported.push(
      `${where}: ${note ?? `kind ${kind || '(none)'} ${apiVersion}`} (not applied by the local mesh)`,
    );
    return;
  }
  if (!NETWORKING.test(apiVersion)) resource.error('apiVersion', `"${apiVersion}" is not networking.istio.io/v1`);
  const spec = resource.object('spec');
  resource.finish();
  if (!spec) {
    resource.error('spec', 'is required');
    return;
  }
  if (kind === 'VirtualService') {
    const vs = parseVirtualService(where, spec);
    for (const host of vs?.hosts ?? []) {
      const other = parsed.routes.get(host);
      if (other) findings.errors.push(`${where}: host ${host} already has a VirtualService (${other.where})`);
      else if (vs) parsed.routes.set(host, { vs, where });
    }
  } else {
    const dr = parseDestinationRule(spec);
    const other = dr && parsed.rules.get(dr.host);
    if (other) findings.errors.push(`${where}: host ${dr.host} already has a DestinationRule (${other.where})`);
    else if (dr) parsed.rules.set(dr.host, { dr, where });
  }
}

/** Each host's route and destination policy; a route's subsets must be defined by the host's rule. */
function combine({ routes, rules }: Parsed, findings: Findings): Map<string, ServicePolicy> {
  const services = new Map<string, ServicePolicy>();
  for (const host of new Set([...routes.keys(), ...rules.keys()])) {
    const route = routes.get(host);
    const rule = rules.get(host);
    const destination = rule?.dr.policy ?? defaultDestination();
    for (const { subset } of route?.vs.route.destinations ?? []) {
      if (subset !== undefined && !destination.subsets.has(subset))
        findings.errors.push(`${route?.where}: subset "${subset}" of ${host} is not defined by a DestinationRule`);
    }
    services.set(host, { route: route?.vs.route ?? defaultRoute(), destination });
  }
  return services;
}
