// Messages: what the catalog says each service publishes and subscribes to, against what its code
// registers (its outbox's PUBLISHES list and its handlers).
import type { CodeFacts } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog } from './model.js';

const CHECK = 'events';

interface Side {
  field: 'publishes' | 'subscribes';
  /** What the code does with a message: "publishes" or "consumes". */
  verb: string;
  /** Where the code registers it. */
  where: string;
}

const PUBLISHING: Side = { field: 'publishes', verb: 'publishes', where: 'its PUBLISHES list' };
const CONSUMING: Side = { field: 'subscribes', verb: 'consumes', where: 'a handler in src/messages' };

function compare(service: string, declared: string[], registered: string[], side: Side): Finding[] {
  return [
    ...registered
      .filter((m) => !declared.includes(m))
      .map((m) =>
        difference(
          CHECK,
          service,
          `the code ${side.verb} ${m} (${side.where}) but events.${side.field} does not list it`,
        ),
      ),
    ...declared
      .filter((m) => !registered.includes(m))
      .map((m) => difference(CHECK, service, `events.${side.field} lists ${m} but the code never ${side.verb} it`)),
  ];
}

export function checkEvents(catalog: ServiceCatalog, facts: CodeFacts): Finding[] {
  return Object.entries(catalog.services).flatMap(([name, entry]) => {
    const code = facts.messages[name] ?? { publishes: [], consumes: [] };
    return [
      ...compare(name, entry.events.publishes, code.publishes, PUBLISHING),
      ...compare(name, entry.events.subscribes, code.consumes, CONSUMING),
    ];
  });
}
