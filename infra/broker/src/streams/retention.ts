// Retention: drops messages older than their stream's max age and dedup ids older than its window,
// on a timer. Consumers skip a pending delivery whose message is gone.
import { type BrokerStore, MAX_SEQ, type MessageKey } from '../store/broker-store.js';
import type { StreamState } from './streams.js';

/** Removes what `stream` no longer keeps at `now`; resolves once the removals commit. */
export async function expireStream(store: BrokerStore, stream: StreamState, now: number): Promise<number> {
  const { name, maxAgeMs } = stream.record;
  const removals: Array<Promise<boolean>> = [];
  if (maxAgeMs > 0) {
    const oldest = store.messages.getRange({ start: [name, 0], end: [name, MAX_SEQ] });
    for (const { key, value } of oldest) {
      // Messages are stored in time order, so the first young one ends the sweep.
      if (value.time + maxAgeMs > now) break;
      removals.push(store.messages.remove(key as MessageKey));
    }
  }
  const dropped = removals.length;
  for (const id of stream.dedup.expire(now)) removals.push(store.dedup.remove([name, id]));
  await Promise.all(removals);
  return dropped;
}

export interface RetentionSweeper {
  stop(): void;
}

export function startRetention(
  store: BrokerStore,
  streams: () => StreamState[],
  intervalMs: number,
  onError: (error: unknown) => void,
): RetentionSweeper {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const now = Date.now();
    Promise.all(streams().map((s) => expireStream(store, s, now)))
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
