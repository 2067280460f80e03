// GET /api/docs: Swagger UI over every upstream's own OpenAPI document, each fetched through the
// gateway at /api/{service}/openapi.json so the browser needs no route to the services.

import type { ServiceApp } from '@emporium/service-kit';
import swaggerUi from '@fastify/swagger-ui';
import type { Upstream } from './upstreams.js';

export const DOCS_PATH = '/api/docs';

export async function registerDocs(app: ServiceApp, upstreams: Upstream[]): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    uiConfig: {
      urls: upstreams.map((upstream) => ({ name: upstream.name, url: `/api/${upstream.name}/openapi.json` })),
    },
  });
}
