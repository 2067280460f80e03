// `emporium catalog check [--live]`: compares service-catalog.yaml with the code and names every
// difference (exit 1); --live also compares the edges in recent traces (the collector) with it.
import pc from 'picocolors';
import { checkCatalog } from '../catalog/check-catalog.js';
import { checkLiveEdges, fetchTopology } from '../catalog/check-live.js';
import { gatherCodeFacts } from '../catalog/code-facts.js';
import type { Finding } from '../catalog/model.js';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';
import { adminToken } from './orders.js';

export interface CatalogCheckOptions {
  live?: boolean;
  window?: string;
  /** The collector's base URL; by default the gateway's /api/telemetry of the running shop. */
  collector?: string;
}

export async function catalogCheck(settings: Settings, options: CatalogCheckOptions = {}): Promise<number> {
  const facts = await gatherCodeFacts(settings.root);
  const { catalog, findings } = await checkCatalog(settings.root, facts);
  if (catalog && options.live) {
    const window = options.window ?? '15m';
    try {
      const state = await readState(settings.dataDir);
      if (!state) throw new Error('Emporium is not running (start it with `npm start`): --live reads its traces');
      const token = await adminToken(state.gateway, settings);
      const edges = await fetchTopology(options.collector ?? `${state.gateway}/api/telemetry`, token, window);
      findings.push(...checkLiveEdges(catalog, edges, window));
    } catch (error) {
      console.error(pc.red(`catalog check --live: ${(error as Error).message}`));
      return 1;
    }
  }
  print(findings);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function print(findings: Finding[]): void {
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of findings) {
    const mark = f.severity === 'error' ? pc.red('✗') : pc.yellow('!');
    console.log(`${mark} ${pc.bold(f.service)} ${pc.dim(`[${f.check}]`)} ${f.message}`);
  }
  const warnings = findings.length - errors.length;
  if (errors.length === 0)
    console.log(pc.green(`service-catalog.yaml agrees with the code${warnings ? ` (${warnings} warnings)` : ''}`));
  else
    console.log(
      pc.red(`${errors.length} difference${errors.length === 1 ? '' : 's'} between service-catalog.yaml and the code`),
    );
}
