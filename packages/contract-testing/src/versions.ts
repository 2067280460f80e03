// The version of each participant in a pact, from its package.json: a service under services/<name>,
// the storefront ("web") under web/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pact-files.js';

export function packageDirOf(participant: string): string {
  return participant === 'web' ? join(ROOT, 'web') : join(ROOT, 'services', participant);
}

export function versionOf(participant: string): string {
  const file = join(packageDirOf(participant), 'package.json');
  if (!existsSync(file)) return 'unknown';
  return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown');
}
