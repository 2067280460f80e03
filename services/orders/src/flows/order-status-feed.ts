// Live order status for Server-Sent Events: every status change (store/order-store.ts changeStatus)
// sends a NOTIFY on `order_status` in its own transaction, so a notification means a committed change.
// One LISTEN connection per process fans the notifications out to the streams watching each order.
import pg from 'pg';

export const ORDER_STATUS_CHANNEL = 'order_status';

export interface OrderStatusFeed {
  /** Calls `onChange` after each committed status change of `orderId`; returns the unsubscribe. */
  watch(orderId: string, onChange: () => void): () => void;
  close(): Promise<void>;
}

type Log = { warn(o: object, m: string): void };

export function createOrderStatusFeed(databaseUrl: string, log: Log): OrderStatusFeed {
  const watchers = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  let connecting: Promise<void> | undefined;

  const notifyAll = () => {
    for (const set of watchers.values()) for (const notify of set) notify();
  };

  const connect = async (): Promise<void> => {
    while (!closed) {
      const next = new pg.Client({ connectionString: databaseUrl, application_name: 'orders-status-feed' });
      try {
        await next.connect();
        next.on('notification', (n) => {
          for (const notify of watchers.get(n.payload ?? '') ?? []) notify();
        });
        next.on('error', (error) => {
          log.warn({ err: error }, 'order status feed lost its connection; reconnecting');
          client = undefined;
          connecting = connect(); // and once it listens again, every watcher re-reads
        });
        await next.query(`LISTEN ${ORDER_STATUS_CHANNEL}`);
        client = next;
        // A change committed before LISTEN took effect sent no notification we heard: re-read now.
        notifyAll();
        return;
      } catch (error) {
        await next.end().catch(() => {});
        log.warn({ err: error }, 'order status feed cannot listen yet; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };

  return {
    watch(orderId, onChange) {
      connecting ??= connect();
      const set = watchers.get(orderId) ?? new Set();
      set.add(onChange);
      watchers.set(orderId, set);
      return () => {
        set.delete(onChange);
        if (set.size === 0) watchers.delete(orderId);
      };
    },
    async close() {
      closed = true;
      await connecting;
      await client?.end().catch(() => {});
    },
  };
}
