// GET /healthz answers while the process is alive; GET /readyz only when its dependencies answer.
import type { FastifyInstance } from 'fastify';
import { isDatabaseReachable, type Pool } from './db.js';
import { problemFor, sendProblem } from './problem.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export function registerHealth(
  app: FastifyInstance,
  pool: Pool | undefined,
  extra: ReadinessCheck[],
  version?: string,
): void {
  const checks = [...(pool ? [{ name: 'database', check: () => isDatabaseReachable(pool) }] : []), ...extra];
  const route = { schema: { hide: true }, config: { auth: 'public' as const } };

  app.get('/healthz', route, async () => ({ status: 'ok', ...(version ? { version } : {}) }));
  app.get('/readyz', route, async (_request, reply) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await c.check()] as const));
    const down = results.filter(([, ok]) => !ok).map(([name]) => name);
    if (down.length > 0)
      return sendProblem(reply, problemFor('unavailable', `Not ready: ${down.join(', ')} unreachable`));
    return { status: 'ready', checks: Object.fromEntries(results.map(([name]) => [name, 'up'])) };
  });
}
