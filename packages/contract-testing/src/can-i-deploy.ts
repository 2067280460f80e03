#!/usr/bin/env node
// can-i-deploy without a broker: prints consumer@version × provider@version → verified | failed |
// unverified for every committed pact (versions from each package.json, results from the last
// provider verification), then the catalog's edges no pact covers. Exits 1 unless all is verified.
// `--pacticipant <name>` limits the answer to the edges of one service.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { catalogEdges, covers, gatewayCoverage, readCatalog } from './catalog-edges.js';
import { deploymentMatrix, type MatrixRow } from './matrix.js';
import { committedPacts } from './pact-files.js';
import { readVerification } from './verification-results.js';
import { versionOf } from './versions.js';

function pacticipant(argv: string[]): string | undefined {
  const at = argv.indexOf('--pacticipant');
  return at >= 0 ? argv[at + 1] : undefined;
}

const involves = (name: string | undefined) => (edge: { consumer: string; provider: string }) =>
  !name || edge.consumer === name || edge.provider === name;

function table(rows: MatrixRow[]): string {
  const cells = rows.map((r) => [
    `${r.consumer}@${r.consumerVersion}`,
    `${r.provider}@${r.providerVersion}`,
    String(r.interactions),
    r.status + (r.reason ? ` (${r.reason})` : ''),
  ]);
  const header = ['consumer', 'provider', 'interactions', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

export function canIDeploy(argv: string[]): number {
  const only = pacticipant(argv);
  const pacts = committedPacts().map((p) => p.pact);
  const rows = deploymentMatrix({ pacts, resultOf: readVerification, versionOf }).filter(involves(only));
  process.stdout.write(`${table(rows)}\n`);
  const catalog = readCatalog();
  const behindGateway = Object.entries(gatewayCoverage(catalog, pacts)).filter(([service]) =>
    involves(only)({ consumer: 'web', provider: service }),
  );
  if (!only || behindGateway.length > 0) {
    const list = behindGateway.map(([service, covered]) => (covered ? service : `${service} (no web app calls it)`));
    process.stdout.write(`\nthrough the gateway, web pacts cover: ${list.join(', ')}\n`);
  }
  const missing = catalogEdges(catalog)
    .filter(involves(only))
    .filter((edge) => !covers(pacts, edge));
  if (missing.length > 0) {
    process.stdout.write('\ncatalog edges no pact covers:\n');
    for (const e of missing) process.stdout.write(`  ${e.consumer} ← ${e.provider}: ${e.via}\n`);
  }
  const bad = rows.filter((r) => r.status !== 'verified');
  const ok = bad.length === 0 && missing.length === 0 && rows.length > 0;
  process.stdout.write(
    ok
      ? `\ncan-i-deploy: yes, ${rows.length} pacts verified at these versions\n`
      : `\ncan-i-deploy: no, ${bad.length} of ${rows.length} pacts not verified, ${missing.length} catalog edges without a pact\n`,
  );
  return ok ? 0 : 1;
}

const invokedAs = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : '';
if (import.meta.url === invokedAs) process.exitCode = canIDeploy(process.argv.slice(2));
