// Reads one Istio object field by field: each supported field is checked for its type and range, and
// every field the local mesh does not implement is named (never silently ignored).

export interface Findings {
  /** Values of supported fields that are wrong: the file is refused. */
  errors: string[];
  /** Fields the local mesh does not apply (Istio does): reported at start and on reload. */
  unsupported: string[];
}

export const emptyFindings = (): Findings => ({ errors: [], unsupported: [] });

type Json = Record<string, unknown>;

/** A view of one object at `path` inside a resource, e.g. `VirtualService catalog: spec.http[0].retries`. */
export class FieldReader {
  private readonly seen = new Set<string>();

  constructor(
    readonly where: string,
    readonly path: string,
    private readonly value: Json,
    readonly findings: Findings,
  ) {}

  static of(where: string, path: string, value: unknown, findings: Findings): FieldReader | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      findings.errors.push(`${where}: ${path || 'the document'} must be a mapping`);
      return undefined;
    }
    return new FieldReader(where, path, value as Json, findings);
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  error(key: string, message: string): undefined {
    this.findings.errors.push(`${this.where}: ${this.at(key)} ${message}`);
    return undefined;
  }

  raw(key: string): unknown {
    this.seen.add(key);
    return this.value[key];
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  /** Marks a field as understood without reading it (metadata the mesh has no use for). */
  accept(...keys: string[]): void {
    for (const key of keys) this.seen.add(key);
  }

  object(key: string): FieldReader | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    return FieldReader.of(this.where, this.at(key), value, this.findings);
  }

  list(key: string): FieldReader[] | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) return this.error(key, 'must be a list');
    return value.flatMap((item, i) => FieldReader.of(this.where, `${this.at(key)}[${i}]`, item, this.findings) ?? []);
  }

  strings(key: string): string[] | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
      return this.error(key, 'must be a list of strings');
    return value;
  }

  string(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.error(key, `must be a string (got ${JSON.stringify(value)})`);
    return value;
  }

  stringMap(key: string): Record<string, string> | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    const entries = typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
    if (!entries?.every(([, v]) => typeof v === 'string')) return this.error(key, 'must map names to strings');
    return Object.fromEntries(entries) as Record<string, string>;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return this.error(key, `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
    return value;
  }

  number(key: string, min: number, max: number): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      return this.error(key, `must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
    return value;
  }

  /** A protobuf Duration as Istio writes it: "1.5s", "250ms", "1m", "1h", "0s". In milliseconds. */
  duration(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    const ms = typeof value === 'string' ? durationMs(value) : undefined;
    if (ms === undefined)
      return this.error(key, `must be a duration such as "250ms" or "1.5s" (got ${JSON.stringify(value)})`);
    return ms;
  }

  /** Names every field of this object that no reader asked for. Call after reading the supported ones. */
  finish(): void {
    for (const key of Object.keys(this.value)) {
      if (!this.seen.has(key)) this.findings.unsupported.push(`${this.where}: ${this.at(key)}`);
    }
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Math.round(Number(match[1]) * (UNIT_MS[match[2]] ?? 0));
}
