// Asynchronous dependencies: a service depends on each service whose messages it consumes (the
// publisher of an event, the sender of a command), and on nothing else.
import type { CodeFacts } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'async';

export function checkAsync(catalog: ServiceCatalog, facts: CodeFacts): Finding[] {
  const publishers = new Map<string, Set<string>>();
  for (const [service, { publishes }] of Object.entries(facts.messages)) {
    for (const message of publishes) publishers.set(message, (publishers.get(message) ?? new Set()).add(service));
  }
  const findings: Finding[] = [];
  for (const [name, entry] of Object.entries(catalog.services)) {
    const sources = new Map<string, string[]>();
    for (const message of facts.messages[name]?.consumes ?? []) {
      for (const publisher of publishers.get(message) ?? []) {
        if (publisher !== name) sources.set(publisher, [...(sources.get(publisher) ?? []), message]);
      }
    }
    for (const [source, messages] of sources) {
      if (!entry.dependencies.async.includes(source))
        findings.push(
          difference(
            CHECK,
            name,
            `${name} consumes ${messages.join(', ')} from ${source} but dependencies.async does not list ${source}`,
          ),
        );
    }
    for (const declared of entry.dependencies.async) {
      if (!sources.has(declared))
        findings.push(
          difference(
            CHECK,
            name,
            `dependencies.async lists ${declared} but ${name} consumes nothing ${declared} publishes`,
          ),
        );
    }
  }
  return findings;
}
