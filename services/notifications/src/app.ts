// Builds the notification service's HTTP app on the service kit and registers its routes.
import {
  createService,
  type Pool,
  type ServiceApp,
  type ServiceOptions,
  serviceDepsOptions,
  type TokenVerifier,
} from '@emporium/service-kit';
import { registerRoutes } from './api/routes.js';
import type { NotificationsConfig } from './config.js';

export interface NotificationsDeps {
  config: NotificationsConfig;
  pool: Pool;
  verifier: TokenVerifier;
  /** Tests pass one to silence or capture logs. */
  logger?: ServiceOptions['logger'];
}

export async function buildApp({ config, pool, verifier, logger }: NotificationsDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'notifications',
    description: 'Notifications: email, SMS and push on registration and order events; preferences.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerRoutes(app, pool);
  return app;
}
