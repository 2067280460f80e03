// A consumer's expectation of one message: the CloudEvents envelope its provider must produce (type and
// source exact, ids, times and data by the message's schema), handed - after the same decoding and
// schema check the service's consumer applies - to the consumer's real handling code.
import './no-tracking.js';
import assert from 'node:assert/strict';
import type { CloudEvent, DataOf, EventOf, MessageDefinition } from '@emporium/contracts';
import { decodeMessage } from '@emporium/messaging';
import { MatchersV3 as M, type PactV4 } from '@pact-foundation/pact';
import { EXAMPLE_TIME, exampleId, RFC3339 } from './examples.js';
import { matchersFor } from './schema-matchers.js';

export interface ExpectedMessage<D extends MessageDefinition> {
  message: D;
  /** The sending service: the owner of an event, orders for the saga's commands. */
  from: string;
  /** The provider state in which the provider produces it (the provider's tests set it up). */
  given: string;
  givenParams?: Record<string, string>;
  /** Unique within the pact; the message's name unless one pact expects it twice. */
  description?: string;
  /** An example `data` (checked against the schema here); the contract is its shape, not its values. */
  data: DataOf<D>;
  /** The envelope's subject: the aggregate id. */
  subject: string;
}

/** The envelope the consumer expects, with matchers. */
export function envelopeExpectation<D extends MessageDefinition>(expected: ExpectedMessage<D>) {
  const { message, data, from, subject } = expected;
  if (!message.validator.Check(data)) {
    const first = message.validator.Errors(data)[0];
    throw new Error(`example data of ${message.name} is invalid: ${first?.instancePath || '/'} ${first?.message}`);
  }
  const description = expected.description ?? message.name;
  return {
    specversion: '1.0',
    id: M.uuid(exampleId(`${description} envelope`)),
    source: `/emporium/${from}`,
    type: message.type,
    subject: M.string(subject),
    time: M.regex(RFC3339, EXAMPLE_TIME),
    datacontenttype: 'application/json',
    data: matchersFor(message.schema as never, data),
    correlationid: M.string(exampleId(`${description} correlation`)),
  };
}

/** Records the expectation and runs `handle` on the message as the consumer would receive it. */
export async function expectMessage<D extends MessageDefinition>(
  pact: PactV4,
  expected: ExpectedMessage<D>,
  handle: (event: EventOf<D>) => Promise<void>,
): Promise<void> {
  const description = expected.description ?? expected.message.name;
  await pact
    .addAsynchronousInteraction()
    .given(expected.given, expected.givenParams)
    .expectsToReceive(description, (builder) => builder.withJSONContent(envelopeExpectation(expected)))
    .executeTest(async (received) => {
      const decoded = decodeMessage(Buffer.from(JSON.stringify(received.contents.content)));
      assert.ok(decoded.ok, decoded.ok ? '' : `the consumer would refuse it: ${decoded.reason}`);
      assert.equal(decoded.definition.type, expected.message.type);
      await handle(decoded.envelope as EventOf<D>);
    });
}

/** The same event about another aggregate: consumers that must find what a message refers to use their own ids. */
export function withData<E extends CloudEvent>(event: E, data: Partial<E['data']>): E {
  return { ...event, data: { ...(event.data as object), ...data } };
}
