// The one HTTP client the gateway talks to its upstreams with: an undici Agent keeps a keep-alive
// connection pool per upstream origin, shared by proxied requests and OpenAPI document fetches.
import { Agent, type Dispatcher, request } from 'undici';
import type { Upstream } from './upstreams.js';

// Bounds the sockets to one upstream, so a burst queues at the gateway instead of swamping a service.
const CONNECTIONS_PER_UPSTREAM = 128;

export function createUpstreamAgent(timeoutMs: number): Agent {
  return new Agent({
    connections: CONNECTIONS_PER_UPSTREAM,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    // Once an upstream has answered, its body may take as long as it needs: an event stream
    // (orders' /events) is idle between events. A client that goes away ends it.
    bodyTimeout: 0,
  });
}

export async function fetchOpenApiDocument(agent: Dispatcher, upstream: Upstream, timeoutMs: number): Promise<unknown> {
  const { statusCode, body } = await request(`${upstream.url}/openapi.json`, {
    dispatcher: agent,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`GET /openapi.json answered ${statusCode}`);
  }
  return body.json();
}
