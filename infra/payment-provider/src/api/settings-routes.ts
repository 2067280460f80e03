// The simulator's behaviour, read and changed while it runs (chaos tests turn failures on and off).
import { problemResponses, type ServiceApp } from '@emporium/service-kit';
import type { LiveSettings } from '../domain/settings.js';
import { Settings, SettingsChange } from './schemas.js';

export function registerSettingsRoutes(app: ServiceApp, settings: LiveSettings): void {
  // GET /v1/settings   current latency, error rate and slow-card delay
  // PUT /v1/settings   change any of them, live

  const config = { auth: 'public' } as const;
  const tags = ['settings'];
  app.get(
    '/v1/settings',
    { config, schema: { tags, summary: 'How the simulator behaves now', response: { 200: Settings } } },
    async () => settings.current,
  );
  app.put(
    '/v1/settings',
    {
      config,
      schema: {
        tags,
        summary: 'Change latency, error rate or the slow card delay, from the next request on',
        body: SettingsChange,
        response: { 200: Settings, ...problemResponses(400) },
      },
    },
    async (request) => settings.change(request.body),
  );
}
