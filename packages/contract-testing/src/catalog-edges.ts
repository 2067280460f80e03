// The edges the service catalog declares, and which of them no pact covers: every message a service
// subscribes to from the service that publishes it, and every synchronous dependency between services.
// The gateway only forwards: what crosses it is the storefront's ("web") pacts, verified through it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type PactFile, ROOT } from './pact-files.js';

interface CatalogService {
  events?: { publishes?: string[]; subscribes?: string[] };
  dependencies?: { sync?: string[] };
}

export interface CatalogEdge {
  consumer: string;
  provider: string;
  /** The message name, or "http" for a synchronous dependency. */
  via: string;
}

export function readCatalog(path = join(ROOT, 'service-catalog.yaml')): Record<string, CatalogService> {
  return (parse(readFileSync(path, 'utf8')) as { services: Record<string, CatalogService> }).services;
}

/** Message and service-to-service HTTP edges (the gateway's are left to web pacts). */
export function catalogEdges(services: Record<string, CatalogService>): CatalogEdge[] {
  const edges: CatalogEdge[] = [];
  for (const [publisher, p] of Object.entries(services)) {
    for (const message of p.events?.publishes ?? []) {
      for (const [subscriber, s] of Object.entries(services)) {
        if (subscriber !== publisher && s.events?.subscribes?.includes(message)) {
          edges.push({ consumer: subscriber, provider: publisher, via: message });
        }
      }
    }
  }
  for (const [caller, c] of Object.entries(services)) {
    if (caller === 'gateway') continue;
    for (const callee of c.dependencies?.sync ?? []) {
      if (callee in services) edges.push({ consumer: caller, provider: callee, via: 'http' });
    }
  }
  return edges;
}

/** Whether a pact of the edge's consumer with its provider holds the edge's message (or any HTTP interaction). */
export function covers(pacts: PactFile[], edge: CatalogEdge): boolean {
  const pact = pacts.find((p) => p.consumer.name === edge.consumer && p.provider.name === edge.provider);
  if (!pact) return false;
  if (edge.via === 'http') return pact.interactions.some((i) => i.type === 'Synchronous/HTTP');
  return pact.interactions.some((i) => {
    const type = (i.contents?.content as { type?: string } | undefined)?.type ?? '';
    return type.split('.')[2] === edge.via;
  });
}

/** The services behind the gateway, each with whether a web app's pact (verified through the gateway) covers it. */
export function gatewayCoverage(services: Record<string, CatalogService>, pacts: PactFile[]): Record<string, boolean> {
  const behind = services.gateway?.dependencies?.sync ?? [];
  return Object.fromEntries(
    behind.map((service) => [service, pacts.some((p) => p.consumer.name === 'web' && p.provider.name === service)]),
  );
}
