// Consumer side: a service's own registered handler for a message, run as its consumer runs it (in a
// transaction on the service's database), so a consumer pact exercises the real handling code.
import assert from 'node:assert/strict';
import type { CloudEvent } from '@emporium/contracts';
import type { MessageHandler } from '@emporium/messaging';
import { type Pool, withTransaction } from '@emporium/service-kit';
import { type TestHandlerContext, testHandlerContext } from '@emporium/service-testing';

/** Runs the handler `handlers` register for `event`'s type; returns what it logged as warnings. */
export async function runHandler(
  pool: Pool,
  handlers: readonly MessageHandler[],
  event: CloudEvent,
): Promise<TestHandlerContext['warnings']> {
  const handler = handlers.find((h) => h.message.type === event.type);
  assert.ok(handler, `the service registers no handler for ${event.type}`);
  const context = testHandlerContext();
  await withTransaction(pool, (tx) => handler.handle(tx, event as never, context));
  return context.warnings;
}
