// Which of a service's routes need a signed-in caller, read from its OpenAPI 3.1 document: the kit
// marks every non-public operation with `security: [{ bearerAuth: [] }]`.
import Router from 'find-my-way';

export interface AccessRules {
  /** True when the service's document says this operation needs a token; unknown routes do not. */
  requiresToken(method: string, path: string): boolean;
}

export interface CompiledAccessRules {
  rules: AccessRules;
  /** Paths the router could not take (left for the service to judge), for the log. */
  skipped: string[];
}

interface Operation {
  needsToken: boolean;
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI: security is a list of alternatives; none, or an empty alternative (`{}`), means a caller
 * without credentials is accepted.
 */
function needsToken(security: unknown): boolean {
  return (
    Array.isArray(security) &&
    security.length > 0 &&
    !security.some((requirement) => isRecord(requirement) && Object.keys(requirement).length === 0)
  );
}

/** `/v1/products/{id}` → `/v1/products/:id` (a literal colon is doubled, find-my-way's escape). */
function routerPath(openApiPath: string): string {
  return openApiPath.replace(/:/g, '::').replace(/\{([^}]+)\}/g, ':$1');
}

export function compileAccessRules(document: unknown): CompiledAccessRules {
  const router = Router();
  const skipped: string[] = [];
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  const defaultSecurity = isRecord(document) ? document.security : undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const store: Operation = { needsToken: needsToken(operation.security ?? defaultSecurity) };
      try {
        router.on(method.toUpperCase() as Router.HTTPMethod, routerPath(path), () => {}, store);
      } catch (error) {
        skipped.push(`${method.toUpperCase()} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return {
    skipped,
    rules: {
      requiresToken(method, path) {
        const found = router.find(method as Router.HTTPMethod, path);
        // Fastify answers HEAD from the GET route, so the document only lists the GET.
        const match = found ?? (method === 'HEAD' ? router.find('GET', path) : null);
        return (match?.store as Operation | undefined)?.needsToken ?? false;
      },
    },
  };
}
