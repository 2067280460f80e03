// `emporium catalog check` without its output: loads and validates the catalog, then runs each kind
// of check against the facts from the code. Tests pass altered facts or a copied tree.
import { checkApi } from './check-api.js';
import { checkAsync } from './check-async.js';
import { checkCoverage } from './check-coverage.js';
import { checkDelivery } from './check-delivery.js';
import { checkEvents } from './check-events.js';
import { checkRunbooks } from './check-runbooks.js';
import { checkSync } from './check-sync.js';
import type { CodeFacts } from './code-facts.js';
import { loadCatalog } from './load-catalog.js';
import type { Finding, ServiceCatalog } from './model.js';

export interface CatalogCheckResult {
  catalog: ServiceCatalog | undefined;
  findings: Finding[];
}

export async function checkCatalog(root: string, facts: CodeFacts, catalogText?: string): Promise<CatalogCheckResult> {
  const loaded = await loadCatalog(root, catalogText);
  if (!loaded.catalog) return { catalog: undefined, findings: loaded.findings };
  const { catalog } = loaded;
  const findings = [
    ...checkCoverage(catalog, facts),
    ...(await checkApi(root, catalog, facts)),
    ...checkEvents(catalog, facts),
    ...checkSync(catalog, facts),
    ...checkAsync(catalog, facts),
    ...(await checkRunbooks(root, catalog, facts)),
    ...(await checkDelivery(root, catalog)),
  ];
  return { catalog, findings };
}
