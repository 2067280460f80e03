// Runs one consume() against a durable consumer of the embedded broker: long-polls for as many
// deliveries as it has free handler slots (so instances of the durable share the work instead of
// one hoarding it), hands each to the handler, and keeps polling through a broker restart.
import type { ConsumerOptions, Delivery, Subscription } from '../bus.js';
import { AckBatcher } from './ack-batcher.js';
import { Backoff, pause } from './backoff.js';
import { type BrokerClient, BrokerError, BrokerUnreachable, isAbort } from './broker-client.js';
import { type Delivered, FetchResult, fromBase64, LIMITS, Settled } from './wire.js';

/** A handler that throws gets its message again after this, rather than hot-looping on it. */
const HANDLER_FAILURE_RETRY_MS = 1_000;

export interface LoopContext {
  client: BrokerClient;
  /** Creates (or re-creates, if the broker lost it) the durable consumer. */
  ensureConsumer(): Promise<void>;
  onError(error: unknown): void;
  fetchExpiresMs: number;
}

type Handler = (delivery: Delivery) => Promise<void>;

export function startConsumerLoop(ctx: LoopContext, options: ConsumerOptions, handle: Handler): Subscription {
  const path = `/v1/consumers/${encodeURIComponent(options.stream)}/${encodeURIComponent(options.durable)}`;
  const maxInFlight = Math.min(Math.max(1, options.maxInFlight), LIMITS.maxBatch);
  const acks = new AckBatcher(ctx.client, `${path}/ack`);
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();

  const settle = async (kind: 'nak' | 'term', token: string, delayMs?: number) => {
    const delay = delayMs === undefined ? {} : { delay_ms: clampDelay(delayMs) };
    await ctx.client.call('POST', `${path}/${kind}`, { tokens: [token], ...delay }, Settled);
  };

  const run = async (message: Delivered) => {
    let settled = false;
    const delivery: Delivery = {
      subject: message.subject,
      id: message.id,
      data: fromBase64(message.data),
      headers: message.headers,
      deliveryCount: message.deliveries,
      ack: () => {
        settled = true;
        return acks.ack(message.token);
      },
      nak: (delayMs) => {
        settled = true;
        return settle('nak', message.token, delayMs);
      },
      term: () => {
        settled = true;
        return settle('term', message.token);
      },
    };
    try {
      await handle(delivery);
    } catch (error) {
      ctx.onError(error);
      if (!settled) await delivery.nak(HANDLER_FAILURE_RETRY_MS).catch(ctx.onError);
    }
  };

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const poll = async () => {
    const backoff = new Backoff();
    while (!stopping.signal.aborted) {
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (stopping.signal.aborted) return;
      try {
        const { messages } = await ctx.client.call(
          'POST',
          `${path}/fetch`,
          { batch: maxInFlight - inFlight.size, expires_ms: ctx.fetchExpiresMs },
          FetchResult,
          { retryForMs: 0, timeoutMs: ctx.fetchExpiresMs + 10_000, signal: stopping.signal },
        );
        backoff.reset();
        for (const message of messages) {
          // Fetched just as stop() was called: hand it straight back for another instance.
          if (stopping.signal.aborted) track(settle('nak', message.token, 0).catch(ctx.onError));
          else track(run(message));
        }
      } catch (error) {
        if (stopping.signal.aborted && isAbort(error)) return;
        await recover(error);
        await pause(backoff.next(), stopping.signal);
      }
    }
  };

  /** A broker that lost its state forgot the durable: put it back. Unreachable is only waited out. */
  const recover = async (error: unknown) => {
    if (error instanceof BrokerUnreachable) return;
    if (error instanceof BrokerError && error.status === 404) {
      // If it cannot be put back yet (the stream is gone too), the next fetch finds out and tries again.
      await ctx.ensureConsumer().catch(() => {});
      return;
    }
    ctx.onError(error);
  };

  const polling = poll();
  return {
    async stop() {
      stopping.abort();
      await polling;
      await Promise.all(inFlight);
    },
  };
}

const clampDelay = (ms: number) => Math.min(LIMITS.maxDelayMs, Math.max(0, Math.round(ms)));
