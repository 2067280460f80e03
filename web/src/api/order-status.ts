// Follows an order's status live: Server-Sent Events from GET /v1/orders/{id}/events (fetch, so the
// access token goes in a header), falling back to polling GET /v1/orders/{id} when the stream cannot
// be opened or breaks off before a final status.
import { createParser } from 'eventsource-parser';
import type { ApiClients } from './clients';
import { gatewayOrigin } from './clients';
import type { paths as OrdersPaths } from './generated/orders';
import { unwrap } from './problem';
import type { Order, OrderStatus } from './types';

const EVENTS_PATH = '/v1/orders/{id}/events' satisfies keyof OrdersPaths;
const POLL_PENDING_MS = 1_500;
const POLL_SETTLED_MS = 10_000;
/** No status follows these (as the orders service defines them; the stream ends there). */
export const FINAL_STATUSES: readonly OrderStatus[] = ['rejected', 'cancelled', 'shipped'];

export interface OrderWatch {
  api: ApiClients;
  accessToken(): Promise<string | undefined>;
  id: string;
  onOrder(order: Order): void;
  /** How the updates arrive, for the page to say so. */
  onTransport?(transport: 'live' | 'polling'): void;
}

/** Starts following; the returned function stops it. */
export function watchOrderStatus(watch: OrderWatch): () => void {
  const abort = new AbortController();
  void follow(watch, abort.signal).catch(() => undefined);
  return () => abort.abort();
}

async function follow(watch: OrderWatch, signal: AbortSignal): Promise<void> {
  let last: Order | undefined;
  const seen = (order: Order) => {
    last = order;
    watch.onOrder(order);
  };
  try {
    watch.onTransport?.('live');
    await streamEvents(watch, signal, seen);
  } catch {
    // fall through to polling
  }
  if (signal.aborted || (last && FINAL_STATUSES.includes(last.status))) return;
  watch.onTransport?.('polling');
  while (!signal.aborted) {
    let wait = POLL_PENDING_MS;
    try {
      const order = await unwrap(
        watch.api.orders.GET('/v1/orders/{id}', { params: { path: { id: watch.id } }, signal }),
      );
      seen(order);
      if (FINAL_STATUSES.includes(order.status)) return;
      if (order.status !== 'pending') wait = POLL_SETTLED_MS;
    } catch {
      // a failed poll is retried on the next tick
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function streamEvents(watch: OrderWatch, signal: AbortSignal, seen: (order: Order) => void): Promise<void> {
  const token = await watch.accessToken();
  const url = `${gatewayOrigin()}/api/orders${EVENTS_PATH.replace('{id}', encodeURIComponent(watch.id))}`;
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const parser = createParser({
    onEvent(event) {
      if (event.event === 'status') seen(JSON.parse(event.data) as Order);
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.feed(value);
  }
}
