// Answers the mesh gives itself (no upstream answered, a fault, an overflow), as problem+json
// with Envoy's wording in the detail so they read like Istio's.
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problemFor } from '@emporium/service-kit';

const KIND_BY_STATUS = {
  413: 'payload_too_large',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
} as const;

export function sendLocalReply(
  res: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const kind = KIND_BY_STATUS[status as keyof typeof KIND_BY_STATUS];
  const body = JSON.stringify(
    kind ? problemFor(kind, detail) : { type: 'about:blank', title: 'Fault injected', status, detail },
  );
  res.writeHead(status, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
