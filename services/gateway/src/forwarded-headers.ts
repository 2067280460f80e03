// The headers that cross the gateway: hop-by-hop ones stay on their own connection (RFC 9110
// §7.6.1), and the upstream learns who asked, how, and under which request id.
import type { IncomingHttpHeaders } from 'node:http';
import type { IncomingHttpHeaders as Http2IncomingHttpHeaders } from 'node:http2';
import { HOP_BY_HOP_HEADERS } from '@emporium/service-kit';
import type { FastifyRequest } from 'fastify';

type Headers = IncomingHttpHeaders | Http2IncomingHttpHeaders;

// reply-from only drops `connection` and the names it lists (plus transfer-encoding, which undici
// sets itself); undici refuses `keep-alive` and `upgrade` outright, so they must go before it sees them.
const HOP_BY_HOP = HOP_BY_HOP_HEADERS;

function connectionListed(value: Headers['connection']): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/** `headers` without hop-by-hop fields, including those named in `connection` (theirs or the original's). */
function endToEnd(headers: Headers, originalConnection: Headers['connection']): Headers {
  const kept: Headers = { ...headers };
  for (const name of [
    ...HOP_BY_HOP,
    ...connectionListed(headers.connection),
    ...connectionListed(originalConnection),
  ]) {
    delete kept[name];
  }
  return kept;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * What the upstream receives. The gateway is the edge: it states the protocol and host it saw
 * rather than trusting a client's claim, and appends the peer address to any x-forwarded-for chain.
 */
export function upstreamRequestHeaders(request: FastifyRequest, headers: Headers, prefix: string): Headers {
  const forwarded = endToEnd(headers, request.headers.connection);
  // Node has already answered `expect: 100-continue`; undici rejects the header.
  delete forwarded.expect;
  const chain = joined(request.headers['x-forwarded-for']);
  forwarded['x-forwarded-for'] = chain ? `${chain}, ${request.ip}` : request.ip;
  forwarded['x-forwarded-proto'] = request.protocol;
  if (request.headers.host) forwarded['x-forwarded-host'] = request.headers.host;
  // Lets a service state the public path it is served under (e.g. as `servers` in its OpenAPI document).
  forwarded['x-forwarded-prefix'] = prefix;
  forwarded['x-request-id'] = request.id;
  return forwarded;
}

/** What the client receives from the upstream's answer: end-to-end fields, under the gateway's request id. */
export function clientResponseHeaders(headers: Headers, request: FastifyRequest): Headers {
  const answered = endToEnd(headers, undefined);
  answered['x-request-id'] = request.id;
  return answered;
}
