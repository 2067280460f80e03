// Where the repository and each service's committed API documents are.
import { join, resolve } from 'node:path';

/** The repository root, from the compiled file (tools/api-specs/dist/src → ../../../..). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

export type DocumentKind = 'openapi' | 'asyncapi';

export function documentPath(root: string, service: string, kind: DocumentKind): string {
  return join(root, 'services', service, `${kind}.json`);
}
