// What the collector reads from service-catalog.yaml: each service's declared dependencies (for the
// topology) and its objectives (for the SLO report). Read once at start.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

export interface CatalogService {
  name: string;
  sync: string[];
  async: string[];
  /** 0..1, e.g. 0.999 for "99.9%". */
  availability: number | null;
  latencyP99Ms: number | null;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function percent(v: unknown): number | null {
  const match = /^\s*([0-9.]+)\s*%\s*$/.exec(String(v ?? ''));
  return match ? Math.round(Number(match[1]) * 1e6) / 1e8 : null;
}

function milliseconds(v: unknown): number | null {
  const match = /^\s*([0-9.]+)\s*(ms|s)\s*$/.exec(String(v ?? ''));
  if (!match) return null;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

export function parseCatalog(text: string): CatalogService[] {
  const document = parse(text) as { services?: Record<string, Record<string, unknown>> } | null;
  return Object.entries(document?.services ?? {}).map(([name, entry]) => {
    const deps = (entry.dependencies ?? {}) as Record<string, unknown>;
    const slos = (entry.slos ?? {}) as Record<string, unknown>;
    return {
      name,
      sync: strings(deps.sync),
      async: strings(deps.async),
      availability: percent(slos.availability),
      latencyP99Ms: milliseconds(slos.latency_p99),
    };
  });
}

export async function readCatalog(path: string): Promise<CatalogService[]> {
  return parseCatalog(await readFile(path, 'utf8'));
}
