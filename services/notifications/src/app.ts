// Builds the notification service's HTTP app on the service kit and registers its routes.
import { createService, type ServiceApp, type ServiceAppDeps, serviceDepsOptions } from '@emporium/service-kit';
import { registerRoutes } from './api/routes.js';
import type { NotificationsConfig } from './config.js';

/** Its config, pool and token verifier (tests also pass a logger to silence or capture logs). */
export type NotificationsDeps = ServiceAppDeps<NotificationsConfig>;

export async function buildApp({ config, pool, verifier, logger }: NotificationsDeps): Promise<ServiceApp> {
  const app = await createService({
    name: 'notifications',
    description: 'Notifications: email, SMS and push on registration and order events; preferences.',
    ...serviceDepsOptions({ config, pool, verifier, logger }),
  });
  registerRoutes(app, pool);
  return app;
}
