// openapi-fetch middleware: adds the access token to every request, refreshing it first when it is
// about to expire; a 401 with a token (revoked or expired in flight) refreshes once and retries.
import type { Middleware } from 'openapi-fetch';
import type { TokenStore } from './token-store.js';

export function authMiddleware(store: TokenStore): Middleware {
  const copies = new WeakMap<Request, { request: Request; token: string }>();
  return {
    async onRequest({ request }) {
      const token = await store.accessToken();
      if (!token) return request;
      request.headers.set('authorization', `Bearer ${token}`);
      copies.set(request, { request: request.clone(), token });
      return request;
    },
    async onResponse({ request, response }) {
      const sent = copies.get(request);
      copies.delete(request);
      if (response.status !== 401 || !sent) return response;
      const fresh = await store.refresh(sent.token);
      if (!fresh) return response;
      sent.request.headers.set('authorization', `Bearer ${fresh.access_token}`);
      return fetch(sent.request);
    },
  };
}
