// Runbooks: each entry's runbook exists, is docs/runbooks/<service>.md, names every dependency the
// catalog declares, and every `emporium ...` command it tells an operator to run is one the CLI has.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandsInMarkdown, isKnownCommand } from './cli-commands.js';
import { type CodeFacts, exists } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'runbook';

export async function checkRunbooks(root: string, catalog: ServiceCatalog, facts: CodeFacts): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [name, entry] of Object.entries(catalog.services)) {
    const expected = `docs/runbooks/${name}.md`;
    if (entry.runbook !== expected)
      findings.push(difference(CHECK, name, `runbook is ${entry.runbook}; it should be ${expected}`));
    if (!exists(root, entry.runbook)) {
      findings.push(difference(CHECK, name, `runbook ${entry.runbook} does not exist`));
      continue;
    }
    const text = await readFile(join(root, entry.runbook), 'utf8');
    for (const dependency of new Set([...entry.dependencies.sync, ...entry.dependencies.async])) {
      if (!new RegExp(`\\b${dependency}\\b`).test(text))
        findings.push(
          difference(CHECK, name, `${entry.runbook} does not mention ${dependency}, a dependency the catalog declares`),
        );
    }
    for (const invocation of commandsInMarkdown(text)) {
      if (!isKnownCommand(facts.commands, invocation))
        findings.push(
          difference(
            CHECK,
            name,
            `${entry.runbook} tells to run \`emporium ${invocation}\`, which the CLI does not have`,
          ),
        );
    }
  }
  return findings;
}
