// Publishes one batch of outbox rows: rows of one aggregate one after another (their order is the
// order consumers see), different aggregates concurrently. A failure stops its aggregate's chain, so
// nothing of that aggregate overtakes the failed message.
import type { MessageBus } from '../bus.js';
import { startPublishSpan } from './publish-span.js';

export interface OutboxRow {
  sequence: number;
  id: string;
  subject: string;
  aggregate: string;
  envelope: string;
}

export async function publishBatch(
  bus: MessageBus,
  rows: OutboxRow[],
): Promise<{ published: number[]; failed: unknown }> {
  const chains = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const chain = chains.get(row.aggregate);
    if (chain) chain.push(row);
    else chains.set(row.aggregate, [row]);
  }
  const published: number[] = [];
  let failed: unknown;
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      for (const row of chain) {
        const span = startPublishSpan(row.subject, row.id, row.envelope);
        try {
          await bus.publish({ subject: row.subject, id: row.id, data: Buffer.from(span.data) });
          span.end();
          published.push(row.sequence);
        } catch (error) {
          span.end(error);
          failed ??= error;
          return;
        }
      }
    }),
  );
  return { published, failed };
}
