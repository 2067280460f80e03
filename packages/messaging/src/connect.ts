// Connects to the broker named by BUS_URL: `nats://...` is NATS JetStream (production and the
// infrastructure mode), `http://...` the embedded broker of the local mode. Only the chosen adapter loads.
import { Type } from '@emporium/service-kit';
import type { MessageBus } from './bus.js';

export const MessagingConfig = Type.Object({
  BUS_URL: Type.String({ pattern: '^(nats|https?)://', description: 'nats://host:4222 or the embedded broker URL' }),
});

export async function connectBus(url: string, name: string, onError?: (error: unknown) => void): Promise<MessageBus> {
  if (url.startsWith('nats://')) {
    const { connectNatsBus } = await import('./nats/nats-bus.js');
    return connectNatsBus({ servers: url, name, ...(onError ? { onError } : {}) });
  }
  const { connectEmbeddedBus } = await import('./embedded/embedded-bus.js');
  return connectEmbeddedBus({ url, name, ...(onError ? { onError } : {}) });
}
