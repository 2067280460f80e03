// What every message-driven service's main.ts does, once: read its config, open its pool, apply its
// migrations (its own, the outbox and inbox, then any other schema it keeps), verify tokens against
// the users service's JWKS, build the app, start what runs beside it (job runners, watchers), attach
// messaging, and serve until told to stop. A service's main.ts says only what is its own.
import type { MessageDefinition } from '@emporium/contracts';
import {
  createPool,
  createRemoteTokenVerifier,
  loadConfig,
  migrate,
  type Pool,
  runService,
  type ServiceApp,
  type Static,
  startOrExit,
  type TObject,
  type TokenVerifier,
} from '@emporium/service-kit';
import type { MessageHandler } from './consumer/handlers.js';
import { attachMessaging } from './runtime.js';
import { migrateMessaging } from './schema.js';

/** The settings the shared wiring reads (every service's config includes them). */
interface WiringConfig {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  BUS_URL: string;
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

/** Something started beside the app; stopped before messaging and the pool, so its work in flight commits. */
export interface Worker {
  stop(): Promise<void>;
}

export interface ServiceParts {
  app: ServiceApp;
  /** What the service consumes (none for a service that only publishes). */
  handlers?: readonly MessageHandler[];
  workers?: Array<(app: ServiceApp) => Promise<Worker> | Worker>;
}

export interface ServiceMainOptions<T extends TObject> {
  service: string;
  config: T;
  migrationsDir: string;
  /** Other schemas in the service's database (idempotency keys, jobs), applied after its own. */
  alsoMigrate?: Array<(pool: Pool) => Promise<unknown>>;
  publishes: readonly MessageDefinition[];
  start(deps: { config: Static<T>; pool: Pool; verifier: TokenVerifier }): Promise<ServiceParts>;
}

export function runMessageDrivenService<T extends TObject>(options: ServiceMainOptions<T>): void {
  startOrExit(async () => {
    const config = loadConfig(options.config);
    const wiring = config as unknown as WiringConfig;
    const pool = createPool(wiring.DATABASE_URL, wiring.DATABASE_POOL_SIZE, options.service);
    await migrate(pool, options.migrationsDir);
    await migrateMessaging(pool); // the outbox must exist before anything is published
    for (const migrateMore of options.alsoMigrate ?? []) await migrateMore(pool);
    const verifier = createRemoteTokenVerifier(wiring.JWKS_URL, {
      issuer: wiring.JWT_ISSUER,
      audience: wiring.JWT_AUDIENCE,
    });
    const { app, handlers = [], workers = [] } = await options.start({ config, pool, verifier });
    // preClose hooks run in the order they are added: workers stop before messaging and the pool.
    for (const startWorker of workers) {
      const worker = await startWorker(app);
      app.addHook('preClose', () => worker.stop());
    }
    await attachMessaging(app, {
      service: options.service,
      pool,
      databaseUrl: wiring.DATABASE_URL,
      busUrl: wiring.BUS_URL,
      publishes: options.publishes,
      handlers,
    });
    await runService(app, { port: wiring.PORT, host: wiring.HOST });
  });
}
