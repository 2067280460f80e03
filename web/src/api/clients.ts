// One typed client per service, each under the gateway's /api/{route} prefix. Request and response
// types come only from the generated declarations (npm run api), so an API change that breaks the
// web apps breaks their type check.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as AnalyticsPaths } from './generated/analytics.js';
import type { paths as InventoryPaths } from './generated/inventory.js';
import type { paths as NotificationsPaths } from './generated/notifications.js';
import type { paths as OrdersPaths } from './generated/orders.js';
import type { paths as PaymentsPaths } from './generated/payments.js';
import type { paths as ProductsPaths } from './generated/products.js';
import type { paths as UsersPaths } from './generated/users.js';

/** Where the gateway is: the page's own origin (the gateway serves the web apps). */
export function gatewayOrigin(): string {
  return globalThis.location?.origin ?? 'http://127.0.0.1:8080';
}

export function createApiClients(middleware: Middleware[] = [], origin = gatewayOrigin()) {
  const client = <Paths extends {}>(route: string) => {
    const c = createClient<Paths>({ baseUrl: `${origin}/api/${route}` });
    for (const m of middleware) c.use(m);
    return c;
  };
  return {
    users: client<UsersPaths>('users'),
    products: client<ProductsPaths>('products'),
    inventory: client<InventoryPaths>('inventory'),
    orders: client<OrdersPaths>('orders'),
    payments: client<PaymentsPaths>('payments'),
    notifications: client<NotificationsPaths>('notifications'),
    analytics: client<AnalyticsPaths>('analytics'),
  };
}

export type ApiClients = ReturnType<typeof createApiClients>;
