// Runs one `consume()` against a durable JetStream pull consumer: pulls only while a handler slot is
// free (so instances of the durable share the work instead of one hoarding it), hands each message to
// the handler as a Delivery, and keeps pulling across reconnects and server restarts.
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ConsumerOptions, Delivery, Subscription } from '../bus.js';
import { ensureConsumer } from './consumer-config.js';
import { fromNatsHeaders, messageIdOf } from './nats-headers.js';

/** How long one pull request waits for messages; heartbeats (half of it) detect a silent server. */
const PULL_EXPIRES_MS = 5_000;
/** A handler that throws gets its message again after this, rather than hot-looping on it. */
const HANDLER_FAILURE_RETRY_MS = 1_000;
/** Pause before re-opening a pull that failed, so a persistent failure does not spin. */
const RESTART_PULL_MS = 1_000;

export interface SubscriptionContext {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  onError: (error: unknown) => void;
}

type Handler = (delivery: Delivery) => Promise<void>;

export async function subscribe(
  ctx: SubscriptionContext,
  options: ConsumerOptions,
  handle: Handler,
): Promise<Subscription> {
  await ensureConsumer(ctx.jsm, options);
  const consumer = await ctx.js.consumers.get(options.stream, options.durable);
  const maxInFlight = Math.max(1, options.maxInFlight);
  const inFlight = new Set<Promise<void>>();
  // Woken when a handler finishes while dispatch waits for a slot (a Promise.race over every
  // delivery in flight would add a reaction to each of them per message taken).
  let slotFreed: (() => void) | undefined;
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  let wake = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    wake = resolve;
  });

  const dispatch = async (batch: ConsumerMessages) => {
    const iterator = batch[Symbol.asyncIterator]();
    for (;;) {
      // Wait for a free slot before taking the next message: the client only sends its next pull
      // request when we take a message, so nothing is pulled that no handler could start on.
      while (inFlight.size >= maxInFlight)
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
      const next = await iterator.next();
      if (next.done) return;
      // Already pulled when stop() was called: hand it straight back for another instance.
      if (stopping) next.value.nak();
      else track(deliver(ctx, next.value, handle));
    }
  };
  const track = (run: Promise<void>) => {
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      const wakeDispatch = slotFreed;
      slotFreed = undefined;
      wakeDispatch?.();
    });
  };

  const pump = async () => {
    while (!stopping && !ctx.nc.isClosed()) {
      try {
        messages = await consumer.consume({ max_messages: maxInFlight, expires: PULL_EXPIRES_MS });
        if (stopping) await messages.close();
        void recreateWhenMissing(ctx, options, messages);
        await dispatch(messages);
      } catch (error) {
        if (!stopping && !ctx.nc.isClosed()) ctx.onError(error);
      }
      if (!stopping) await Promise.race([stopSignal, delay(RESTART_PULL_MS)]);
    }
  };
  const pumping = pump();

  return {
    async stop() {
      stopping = true;
      wake();
      await messages?.close();
      await pumping;
      await Promise.all(inFlight);
    },
  };
}

/**
 * A server that lost its state (or an operator) may drop the durable: put it back and end this pull,
 * so the pump opens a fresh one at once instead of the client waiting out missed heartbeats. A
 * re-created durable starts from the stream's first message again; the inbox absorbs the replay,
 * which beats a service that silently stops consuming.
 */
async function recreateWhenMissing(ctx: SubscriptionContext, options: ConsumerOptions, messages: ConsumerMessages) {
  for await (const status of messages.status()) {
    if (status.type !== 'consumer_deleted' && status.type !== 'consumer_not_found') continue;
    try {
      await ensureConsumer(ctx.jsm, options);
      await messages.close();
    } catch (error) {
      ctx.onError(error); // the client keeps checking, and reports it missing again
    }
  }
}

const pendingFlush = new WeakMap<NatsConnection, Promise<void>>();

/** One PING for all the acks written in the same turn (a batch's acks go out together). */
function flushSoon(nc: NatsConnection): Promise<void> {
  let flush = pendingFlush.get(nc);
  if (!flush) {
    flush = Promise.resolve().then(() => {
      pendingFlush.delete(nc);
      return nc.flush();
    });
    pendingFlush.set(nc, flush);
  }
  return flush;
}

/** Runs the handler on one message; never rejects, so one bad message cannot stop the pump. */
async function deliver(ctx: SubscriptionContext, msg: JsMsg, handle: Handler): Promise<void> {
  let settled = false;
  const delivery: Delivery = {
    subject: msg.subject,
    id: messageIdOf(msg.headers),
    data: msg.data,
    headers: fromNatsHeaders(msg.headers),
    deliveryCount: msg.info.deliveryCount,
    pending: msg.info.pending,
    async ack() {
      settled = true;
      msg.ack();
      // Resolve once the server has the ack (its PONG follows it on the same connection). A
      // per-message ackAck would confirm the same thing at well under half the throughput.
      await flushSoon(ctx.nc);
    },
    async nak(delayMs: number) {
      settled = true;
      msg.nak(delayMs);
    },
    async term() {
      settled = true;
      msg.term();
    },
  };
  try {
    await handle(delivery);
  } catch (error) {
    ctx.onError(error);
    if (settled) return;
    try {
      msg.nak(HANDLER_FAILURE_RETRY_MS);
    } catch (nakError) {
      ctx.onError(nakError); // connection gone: ackWait brings the message back anyway
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
