// Where pacts live and how they are read: one committed file per consumer-provider pair in <root>/pacts,
// named as Pact names them (`<consumer>-<provider>.json`), and the digest that ties a verification to
// the exact pact it verified.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const PACTS_DIR = join(ROOT, 'pacts');

export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: Record<string, unknown>;
}

export interface PactInteraction {
  type: string;
  description: string;
  providerStates?: Array<{ name: string; params?: Record<string, unknown> }>;
  contents?: { content?: unknown };
}

export const pactFileName = (consumer: string, provider: string) => `${consumer}-${provider}.json`;

export function readPact(path: string): PactFile {
  return JSON.parse(readFileSync(path, 'utf8')) as PactFile;
}

/** The committed pacts, as { path, pact }, sorted by file name. */
export function committedPacts(dir = PACTS_DIR): Array<{ path: string; pact: PactFile }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ path: join(dir, name), pact: readPact(join(dir, name)) }));
}

/**
 * What a pact promises, without the tool versions in its metadata: two pacts with the same digest
 * hold the same consumer, provider and interactions.
 */
export function pactDigest(pact: PactFile): string {
  const { metadata: _tools, ...promise } = pact;
  return createHash('sha256').update(JSON.stringify(promise)).digest('hex').slice(0, 16);
}
