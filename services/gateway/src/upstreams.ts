// The table of services the gateway routes to, read from UPSTREAMS ("name=url,name=url"): each
// entry is checked on its own so that a bad one is reported by name.
import { ConfigError } from '@emporium/service-kit';

export interface Upstream {
  /** The `{service}` in `/api/{service}/...`. */
  name: string;
  /** Where the service listens: origin plus an optional path prefix, without a trailing slash. */
  url: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;
// `/api/docs` is the gateway's own page, so no service may take that name.
const RESERVED_NAMES = new Set(['docs']);

interface ReadResult {
  upstreams: Upstream[];
  errors: string[];
}

function readUpstreams(list: string): ReadResult {
  const upstreams: Upstream[] = [];
  const errors: string[] = [];
  // Empty pieces (a trailing comma, a doubled one) carry nothing and are skipped.
  for (const entry of list
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const equals = entry.indexOf('=');
    const name = equals === -1 ? '' : entry.slice(0, equals).trim();
    const url = equals === -1 ? '' : entry.slice(equals + 1).trim();
    const problem = entryProblem(name, url, upstreams);
    if (problem) errors.push(`entry "${entry}" ${problem}`);
    else upstreams.push({ name, url: url.replace(/\/+$/, '') });
  }
  if (upstreams.length === 0 && errors.length === 0) errors.push('names no upstream');
  return { upstreams, errors };
}

function entryProblem(name: string, url: string, earlier: Upstream[]): string | undefined {
  if (!name || !url) return 'must be name=url';
  if (!NAME.test(name)) return 'has a name that is not lower-case letters, digits and dashes';
  if (RESERVED_NAMES.has(name)) return `uses the reserved name "${name}"`;
  if (earlier.some((u) => u.name === name)) return `repeats the name "${name}"`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'has a URL that does not parse';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must use an http or https URL';
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    return 'must not carry a query, fragment or credentials in its URL';
  }
  return undefined;
}

/** Why `list` is not a valid UPSTREAMS value, one message per bad entry; empty when it is valid. */
export function upstreamListErrors(list: string): string[] {
  return readUpstreams(list).errors;
}

/** The upstreams of a list that the config schema has already validated. */
export function parseUpstreams(list: string): Upstream[] {
  const { upstreams, errors } = readUpstreams(list);
  if (errors.length > 0) throw new ConfigError(`invalid configuration: UPSTREAMS ${errors.join('; ')}`);
  return upstreams;
}
