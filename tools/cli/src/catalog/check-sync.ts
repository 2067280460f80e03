// Synchronous dependencies: each one declared is a call the code is configured to make (a URL
// setting such as orders' CATALOG_URL, or the gateway's upstream table) and the reverse; once
// deploy/istio exists, each declared target has a VirtualService, each VirtualService host is a
// declared target, an AuthorizationPolicy allows exactly the declared callers, and a call to a routed
// target goes through the mesh (a warning when a setting bypasses it).
import type { CodeFacts } from './code-facts.js';
import { difference, type Finding, type ServiceCatalog, warning } from './model.js';

const CHECK = 'sync';

export function checkSync(catalog: ServiceCatalog, facts: CodeFacts): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(facts.processes.map((p) => p.name));
  for (const [name, entry] of Object.entries(catalog.services)) {
    const calls = facts.configuredCalls[name] ?? [];
    for (const target of entry.dependencies.sync) {
      if (!known.has(target))
        findings.push(
          difference(CHECK, name, `dependencies.sync names ${target}, which is no service or local infrastructure`),
        );
      else if (!calls.some((c) => c.target === target))
        findings.push(
          difference(CHECK, name, `dependencies.sync lists ${target} but no setting of ${name} points at it`),
        );
    }
    const undeclared = new Map<string, string[]>();
    for (const call of calls.filter((c) => !entry.dependencies.sync.includes(c.target))) {
      undeclared.set(call.target, [...(undeclared.get(call.target) ?? []), call.setting]);
    }
    for (const [target, settings] of undeclared) {
      findings.push(
        difference(
          CHECK,
          name,
          `${name} calls ${target} (${settings.join(', ')}) but dependencies.sync does not list it`,
        ),
      );
    }
  }
  if (facts.mesh) findings.push(...checkMesh(catalog, facts));
  return findings;
}

function checkMesh(catalog: ServiceCatalog, facts: CodeFacts): Finding[] {
  const mesh = facts.mesh;
  if (!mesh) return [];
  const findings: Finding[] = [];
  const callers = new Map<string, Set<string>>();
  for (const [name, entry] of Object.entries(catalog.services)) {
    for (const target of entry.dependencies.sync) callers.set(target, (callers.get(target) ?? new Set()).add(name));
  }
  for (const [target, from] of callers) {
    if (catalog.services[target] && !mesh.virtualServices.has(target))
      findings.push(
        difference(
          CHECK,
          target,
          `${[...from].join(', ')} call ${target} but deploy/istio has no VirtualService for it`,
        ),
      );
  }
  for (const [host, files] of mesh.virtualServices) {
    if (!callers.has(host))
      findings.push(
        difference(
          CHECK,
          host,
          `deploy/istio routes ${host} (${files.join(', ')}) but no catalog entry declares a sync dependency on it`,
        ),
      );
  }
  for (const [name, calls] of Object.entries(facts.configuredCalls)) {
    const bypassing = new Map<string, string[]>();
    for (const call of calls.filter((c) => !c.viaMesh && mesh.virtualServices.has(c.target))) {
      bypassing.set(call.target, [...(bypassing.get(call.target) ?? []), call.setting]);
    }
    for (const [target, settings] of bypassing) {
      findings.push(
        warning(
          CHECK,
          name,
          `${name} reaches ${target} directly (${settings.join(', ')}), bypassing its route in deploy/istio`,
        ),
      );
    }
  }
  for (const [target, allowed] of mesh.allowedCallers) {
    const declared = callers.get(target) ?? new Set<string>();
    for (const caller of allowed) {
      if (!declared.has(caller))
        findings.push(
          difference(
            CHECK,
            target,
            `deploy/istio lets ${caller} call ${target} but the catalog does not declare that dependency`,
          ),
        );
    }
    for (const caller of declared) {
      if (!allowed.has(caller))
        findings.push(
          difference(
            CHECK,
            target,
            `${caller} declares a sync dependency on ${target} but its AuthorizationPolicy does not allow ${caller}`,
          ),
        );
    }
  }
  return findings;
}
