// --live: the edges the collector saw in recent traces against the ones the catalog declares
// (`a` sync-depends on `b` is the http edge a → b; `a` async-depends on `b` is the message edge b → a).
// An observed edge nobody declared is a difference; a declared http edge never seen is a warning.
import { difference, type Finding, type ServiceCatalog, warning } from './model.js';

const CHECK = 'live';

export interface TopologyEdge {
  from: string;
  to: string;
  kind: 'http' | 'message' | string;
  observed: boolean;
}

export function declaredEdges(catalog: ServiceCatalog): Set<string> {
  const edges = new Set<string>();
  for (const [name, entry] of Object.entries(catalog.services)) {
    for (const target of entry.dependencies.sync) edges.add(`${name} http ${target}`);
    for (const source of entry.dependencies.async) edges.add(`${source} message ${name}`);
  }
  return edges;
}

export function checkLiveEdges(catalog: ServiceCatalog, edges: TopologyEdge[], window: string): Finding[] {
  const declared = declaredEdges(catalog);
  const observed = new Set(edges.filter((e) => e.observed).map((e) => `${e.from} ${e.kind} ${e.to}`));
  const findings: Finding[] = [];
  for (const edge of edges.filter((e) => e.observed)) {
    if (!declared.has(`${edge.from} ${edge.kind} ${edge.to}`)) {
      const what = edge.kind === 'message' ? `dependencies.async of ${edge.to}` : `dependencies.sync of ${edge.from}`;
      findings.push(
        difference(
          CHECK,
          edge.from,
          `traces of the last ${window} show ${edge.from} → ${edge.to} (${edge.kind}), which ${what} does not declare`,
        ),
      );
    }
  }
  for (const key of declared) {
    const [from = '', kind, to = ''] = key.split(' ');
    if (kind === 'http' && !observed.has(key))
      findings.push(
        warning(CHECK, from, `${from} → ${to} (http) is declared but was not seen in traces of the last ${window}`),
      );
  }
  return findings;
}

/** GET <collector>/v1/topology?window=… with an admin token; a clear error when it cannot be read. */
export async function fetchTopology(baseUrl: string, token: string, window: string): Promise<TopologyEdge[]> {
  const url = `${baseUrl.replace(/\/$/, '')}/v1/topology?window=${encodeURIComponent(window)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`the collector at ${url} cannot be reached: ${(error as Error).message}`);
  }
  if (!res.ok) throw new Error(`the collector answered ${res.status} to ${url}`);
  const body = (await res.json()) as { edges?: TopologyEdge[] };
  if (!Array.isArray(body.edges)) throw new Error(`the collector's answer from ${url} has no edges`);
  return body.edges;
}
