// Routes the gateway's own OpenAPI document should not list. `hide` is @fastify/swagger's extension
// of FastifySchema; the kit registers swagger but does not re-export that typing, hence the cast.
import type { FastifySchema } from 'fastify';

export const HIDDEN_FROM_DOCS = { hide: true } as FastifySchema;
