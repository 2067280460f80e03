// The service catalog's shape (as schemas/service-catalog.schema.json defines it) and what a check reports.

export interface CatalogEntry {
  owner: string;
  bounded_context: string;
  description: string;
  api: { type: 'rest'; spec: string; asyncapi?: string; gateway_route?: string };
  database: string;
  events: { publishes: string[]; subscribes: string[] };
  dependencies: { sync: string[]; async: string[] };
  slos: { availability: string; latency_p99: string };
  runbook: string;
}

export interface ServiceCatalog {
  version: 1;
  services: Record<string, CatalogEntry>;
}

/** One disagreement between the catalog and the code (or, for warnings, something worth a look). */
export interface Finding {
  check: string;
  service: string;
  message: string;
  severity: 'error' | 'warning';
}

export const difference = (check: string, service: string, message: string): Finding => ({
  check,
  service,
  message,
  severity: 'error',
});

export const warning = (check: string, service: string, message: string): Finding => ({
  check,
  service,
  message,
  severity: 'warning',
});
