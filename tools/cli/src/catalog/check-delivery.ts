// Per-service delivery: every catalog entry has its image build file (services/<name>/Dockerfile,
// checked as its pipeline checks it) and its workflow, in step with the catalog and its package graph.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerfile, checkWorkflows } from '@emporium/delivery';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'delivery';

export async function checkDelivery(root: string, catalog: ServiceCatalog): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const name of Object.keys(catalog.services)) {
    if (!existsSync(join(root, 'services', name, 'package.json'))) continue; // named by the coverage check
    for (const problem of await checkDockerfile(root, name)) findings.push(difference(CHECK, name, problem));
  }
  for (const problem of await checkWorkflows(root, Object.keys(catalog.services))) {
    const service = /workflows\/([a-z][a-z0-9-]*)\.yml/.exec(problem)?.[1] ?? '(catalog)';
    findings.push(difference(CHECK, service, `${problem} (npm run delivery -- workflows write)`));
  }
  return findings;
}
