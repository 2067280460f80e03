// Writes and checks the committed API documents (services/<name>/openapi.json, asyncapi.json).
// `write` refuses a breaking change that keeps the version; `check` names every document that differs
// from the code, and every breaking change against a baseline (the target branch's documents in CI).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { generateAsyncApi } from './asyncapi.js';
import { type ApiDocument, breakingChanges } from './breaking-changes.js';
import { generateOpenApi } from './openapi.js';
import { type DocumentKind, documentPath } from './paths.js';
import { MESSAGING_SERVICES, type MessagingService } from './registrations.js';
import { openScratchDatabase } from './scratch-database.js';
import type { ApiService } from './service-apps.js';
import { stableJson } from './stable-json.js';

export interface GeneratedDocument {
  service: ApiService;
  kind: DocumentKind;
  path: string;
  document: ApiDocument;
}

const isMessaging = (service: ApiService): service is MessagingService =>
  (MESSAGING_SERVICES as readonly string[]).includes(service);

/** Every document the code of `services` produces: OpenAPI for each, AsyncAPI for those with messages. */
export async function generateDocuments(root: string, services: readonly ApiService[]): Promise<GeneratedDocument[]> {
  const database = await openScratchDatabase();
  try {
    const documents: GeneratedDocument[] = [];
    for (const service of services) {
      const openapi = await generateOpenApi(root, service, database.url);
      documents.push({ service, kind: 'openapi', path: documentPath(root, service, 'openapi'), document: openapi });
      if (isMessaging(service)) {
        const asyncapi = await generateAsyncApi(root, service);
        documents.push({
          service,
          kind: 'asyncapi',
          path: documentPath(root, service, 'asyncapi'),
          document: asyncapi,
        });
      }
    }
    return documents;
  } finally {
    await database.close();
  }
}

export async function readDocument(path: string): Promise<ApiDocument | undefined> {
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as ApiDocument) : undefined;
}

/** Breaking changes from `before` to `after` that came without a new info.version. */
export function unversionedBreaks(before: ApiDocument, after: ApiDocument): string[] {
  if (before.info.version !== after.info.version) return [];
  return breakingChanges(before, after);
}

export async function writeDocuments(root: string, services: readonly ApiService[]): Promise<string[]> {
  const generated = await generateDocuments(root, services);
  const refused = [];
  for (const doc of generated) {
    const committed = await readDocument(doc.path);
    const breaks = committed ? unversionedBreaks(committed, doc.document) : [];
    if (breaks.length > 0) refused.push(describeBreaks(root, doc, breaks));
  }
  if (refused.length > 0) throw new Error(refused.join('\n'));
  for (const doc of generated) await writeFile(doc.path, stableJson(doc.document));
  return generated.map((doc) => relative(root, doc.path));
}

function describeBreaks(root: string, doc: GeneratedDocument, breaks: string[]): string {
  return `${relative(root, doc.path)}: breaking changes without a new version (bump "version" in services/${doc.service}/package.json): ${breaks.join('; ')}`;
}

export interface CheckOptions {
  /** A folder laid out like the repository holding the documents to compare against (the target branch's). */
  baselineRoot?: string;
}

export async function checkDocuments(
  root: string,
  services: readonly ApiService[],
  options: CheckOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const doc of await generateDocuments(root, services)) {
    const name = relative(root, doc.path);
    const raw = existsSync(doc.path) ? await readFile(doc.path, 'utf8') : undefined;
    if (raw === undefined) {
      problems.push(`${name} is missing: run \`npm run api-specs -- write ${doc.service}\``);
      continue;
    }
    if (stableJson(JSON.parse(raw)) !== stableJson(doc.document)) {
      problems.push(`${name} differs from the code: ${summarizeDrift(JSON.parse(raw), doc.document)}`);
      const breaks = unversionedBreaks(JSON.parse(raw) as ApiDocument, doc.document);
      if (breaks.length > 0) problems.push(describeBreaks(root, doc, breaks));
    }
    if (options.baselineRoot) {
      const baseline = await readDocument(documentPath(options.baselineRoot, doc.service, doc.kind));
      const breaks = baseline ? unversionedBreaks(baseline, JSON.parse(raw) as ApiDocument) : [];
      if (breaks.length > 0) problems.push(describeBreaks(root, doc, breaks));
    }
  }
  return problems;
}

/** Which top-level sections (and which paths or channels) differ, so the message points somewhere. */
function summarizeDrift(committed: Record<string, unknown>, generated: Record<string, unknown>): string {
  const sections = new Set([...Object.keys(committed), ...Object.keys(generated)]);
  const parts: string[] = [];
  for (const section of [...sections].sort()) {
    const a = committed[section];
    const b = generated[section];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (
      a &&
      b &&
      typeof a === 'object' &&
      typeof b === 'object' &&
      ['paths', 'channels', 'operations'].includes(section)
    ) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      const changed = [...keys].filter(
        (k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]),
      );
      parts.push(`${section} ${changed.join(', ')}`);
    } else parts.push(section);
  }
  return `${parts.join('; ')} (run \`npm run api-specs -- write\`)`;
}
