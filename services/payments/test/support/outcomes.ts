// Reading what payments did: its outbox about an order, its payment row, its ledger, its jobs.
import { ProcessPayment } from '@emporium/contracts';
import type { Queryable } from '@emporium/service-kit';
import { eventually } from './eventually.js';
import { processCommand, type TestPayments } from './payments.js';

export interface Published {
  type: string;
  data: Record<string, unknown>;
  causationid: string | undefined;
}

const shortType = (type: string) => type.split('.')[2] ?? type;

/** What payments put in its outbox about an order, oldest first; types as short names (PaymentCompleted). */
export async function publishedAbout(db: Queryable, orderId: string): Promise<Published[]> {
  const { rows } = await db.query<{ envelope: string }>(
    'SELECT envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
    [orderId],
  );
  return rows.map((r) => {
    const envelope = JSON.parse(r.envelope);
    return { type: shortType(envelope.type), data: envelope.data, causationid: envelope.causationid };
  });
}

/** What payments published about an order, once there are at least `count` events. */
export const publishedAtLeast = (db: Queryable, orderId: string, count: number) =>
  eventually(async () => {
    const events = await publishedAbout(db, orderId);
    return events.length >= count && events;
  }, `${count} event(s) about order ${orderId}`);

export const typesOf = (published: Published[]) => published.map((p) => p.type);

export interface PaymentState {
  id: string;
  status: string;
  failure_reason: string | null;
  refunded_amount: number;
}

export async function paymentOf(db: Queryable, orderId: string): Promise<PaymentState | undefined> {
  const { rows } = await db.query<PaymentState>(
    'SELECT id, status, failure_reason, refunded_amount FROM payments WHERE order_id = $1',
    [orderId],
  );
  return rows[0];
}

/** The charge job of a payment, while it exists (a finished job is removed). */
export async function chargeJobOf(db: Queryable, paymentId: string) {
  const { rows } = await db.query<{ attempts: number; last_error: string | null }>(
    'SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = $1',
    [`charge:${paymentId}`],
  );
  return rows[0];
}

/** The ledger's entries about a payment, as [account, amount] pairs, in order. */
export async function ledgerOf(db: Queryable, paymentId: string): Promise<Array<[string, number]>> {
  const { rows } = await db.query<{ account: string; amount: number }>(
    `SELECT e.account, e.amount FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE t.payment_id = $1 ORDER BY e.id`,
    [paymentId],
  );
  return rows.map((r) => [r.account, r.amount]);
}

/** A new order whose payment of `amount` (USD) was captured: the ProcessPayment delivered, its reply out. */
export async function capturedPayment(
  payments: TestPayments,
  amount = 3000,
): Promise<{ orderId: string; paymentId: string }> {
  const command = processCommand({ amount: { amount, currency: 'USD' } });
  await payments.deliver(ProcessPayment, command);
  await publishedAtLeast(payments.pool, command.order_id, 1);
  const payment = await paymentOf(payments.pool, command.order_id);
  return { orderId: command.order_id, paymentId: payment?.id ?? '' };
}
