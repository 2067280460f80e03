// Every service and the gateway the runtime starts has a catalog entry, and every entry is a process
// the runtime starts, with the database and the gateway route the runtime gives it.
import type { CodeFacts } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'coverage';

export function checkCoverage(catalog: ServiceCatalog, facts: CodeFacts): Finding[] {
  const findings: Finding[] = [];
  const deployables = facts.processes.filter((p) => p.role !== 'infra');
  for (const process of deployables) {
    if (!catalog.services[process.name])
      findings.push(
        difference(CHECK, process.name, `the runtime starts ${process.name} but the catalog has no entry for it`),
      );
  }
  for (const [name, entry] of Object.entries(catalog.services)) {
    const process = deployables.find((p) => p.name === name);
    if (!process) {
      findings.push(
        difference(
          CHECK,
          name,
          `the catalog lists ${name} but no such service or gateway exists (tools/cli/src/services.ts)`,
        ),
      );
      continue;
    }
    const database = process.database ? `postgres-${name}` : 'none';
    if (entry.database !== database)
      findings.push(
        difference(CHECK, name, `database is ${entry.database} in the catalog but ${database} in the code`),
      );
    if ((entry.api.gateway_route ?? undefined) !== process.route) {
      findings.push(
        difference(
          CHECK,
          name,
          `gateway_route is ${entry.api.gateway_route ?? '(none)'} in the catalog but the gateway routes /api/${process.route ?? '(none)'}/ to it`,
        ),
      );
    }
  }
  return findings;
}
