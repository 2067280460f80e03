// Creates or updates the durable JetStream consumer behind one `consume()` call. Every instance of a
// subscribing service runs this at start with the same options, so it must converge, not conflict.
import { AckPolicy, type ConsumerConfig, DeliverPolicy, type JetStreamManager, ReplayPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { ConsumerOptions } from '../bus.js';

/** The NATS default; only raised when one instance alone could hold more than this in flight. */
const DEFAULT_MAX_ACK_PENDING = 1000;

type UpdatableConfig = Pick<
  ConsumerConfig,
  'ack_wait' | 'max_deliver' | 'max_ack_pending' | 'filter_subject' | 'filter_subjects'
>;

function updatableConfig(options: ConsumerOptions): UpdatableConfig {
  const [only, ...more] = options.filterSubjects;
  return {
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliveries,
    // The cap is shared by all instances of the durable, so it must leave room for several of them;
    // a value derived only from the options keeps every instance proposing the same config.
    max_ack_pending: Math.max(DEFAULT_MAX_ACK_PENDING, options.maxInFlight * 10),
    // A single filter is sent the pre-2.10 way so servers older than 2.10 (Debian's 2.9) work;
    // several filters need 2.10, and the client refuses them clearly on an older server.
    filter_subject: more.length === 0 ? only : undefined,
    filter_subjects: more.length === 0 ? undefined : options.filterSubjects,
  };
}

export async function ensureConsumer(jsm: JetStreamManager, options: ConsumerOptions): Promise<void> {
  const update = updatableConfig(options);
  try {
    await jsm.consumers.add(options.stream, {
      ...update,
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
    });
  } catch (error) {
    // Creating an existing durable with a different config is refused (how depends on the server
    // version); when the durable does exist, bring it to these options instead.
    const exists = await jsm.consumers.info(options.stream, options.durable).then(
      () => true,
      () => false,
    );
    if (!exists) throw error;
    await jsm.consumers.update(options.stream, options.durable, update);
  }
}
