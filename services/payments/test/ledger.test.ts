// The double-entry ledger: every movement balances (the database refuses one that does not, and any
// change to what is booked), and its balances agree with the payments: captured − refunded = net sales.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment, RefundPayment } from '@emporium/contracts';
import { withTransaction } from '@emporium/service-kit';
import { assertProblem } from '@emporium/service-testing';
import { publishedAbout } from './support/outcomes.js';
import { eventually, processCommand, refundCommand, startTestPayments, type TestPayments } from './support/payments.js';

interface Balances {
  accounts: Array<{ account: string; balance: { amount: number; currency: string } }>;
  balanced: boolean;
  captured_total: { amount: number };
  refunded_total: { amount: number };
  sales_net: { amount: number };
}

describe('payments: the ledger', () => {
  let payments: TestPayments;
  before(async () => {
    payments = await startTestPayments('payments_ledger');
  });
  after(() => payments.close());

  const balances = async () =>
    (
      await payments.app.inject({ method: 'GET', url: '/v1/ledger/balances', headers: payments.admin })
    ).json<Balances>();
  const settle = (orderId: string, events: number) =>
    eventually(async () => (await publishedAbout(payments.pool, orderId)).length >= events, `order ${orderId}`);
  const accountsOf = (b: Balances) => Object.fromEntries(b.accounts.map((a) => [a.account, a.balance.amount]));

  it('starts empty and balanced', async () => {
    const empty = await balances();
    assert.deepEqual(accountsOf(empty), { psp_clearing: 0, sales: 0, refunds: 0 });
    assert.equal(empty.balanced, true);
  });

  it('stays balanced through captures, declines and refunds, and agrees with the payments', async () => {
    const captured = [4000, 2500, 1000];
    const orders: string[] = [];
    for (const amount of captured) {
      const command = processCommand({ amount: { amount, currency: 'USD' } });
      await payments.deliver(ProcessPayment, command);
      orders.push(command.order_id);
    }
    const declined = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    await payments.deliver(ProcessPayment, declined);
    for (const orderId of orders) await settle(orderId, 1);
    await settle(declined.order_id, 1);
    await payments.deliver(RefundPayment, refundCommand(orders[0] as string));
    await payments.deliver(RefundPayment, refundCommand(orders[1] as string, 700));
    await settle(orders[0] as string, 2);
    await settle(orders[1] as string, 2);

    const after = await balances();
    assert.equal(after.balanced, true);
    assert.deepEqual(accountsOf(after), { psp_clearing: 7500 - 4700, sales: -7500, refunds: 4700 });
    assert.deepEqual([after.captured_total.amount, after.refunded_total.amount], [7500, 4700]);
    assert.equal(after.sales_net.amount, after.captured_total.amount - after.refunded_total.amount);
    assert.equal(accountsOf(after).psp_clearing, after.sales_net.amount, 'the provider holds what was earned net');
  });

  it('refuses, at commit, a ledger transaction whose entries do not sum to zero', async () => {
    const paymentId = await declinedPaymentId();
    await assert.rejects(
      withTransaction(payments.pool, async (tx) => {
        const id = randomUUID();
        await tx.query(`INSERT INTO ledger_transactions (id, kind, payment_id) VALUES ($1, 'capture', $2)`, [
          id,
          paymentId,
        ]);
        await tx.query(
          `INSERT INTO ledger_entries (transaction_id, account, amount, currency)
           VALUES ($1, 'psp_clearing', 100, 'USD'), ($1, 'sales', -99, 'USD')`,
          [id],
        );
      }),
      /does not balance/,
    );
  });

  it('refuses, at commit, a ledger transaction with a single entry', async () => {
    const paymentId = await declinedPaymentId();
    await assert.rejects(
      withTransaction(payments.pool, async (tx) => {
        const id = randomUUID();
        await tx.query(`INSERT INTO ledger_transactions (id, kind, payment_id) VALUES ($1, 'refund', $2)`, [
          id,
          paymentId,
        ]);
      }),
      /violates check constraint|fewer than two entries/,
    );
  });

  it('refuses to change or delete what is booked', async () => {
    await assert.rejects(payments.pool.query('UPDATE ledger_entries SET amount = amount * 2'), /append-only/);
    await assert.rejects(payments.pool.query('DELETE FROM ledger_entries'), /append-only/);
    assert.equal((await balances()).balanced, true);
  });

  it('shows the balances to admins only', async () => {
    const asCustomer = await payments.app.inject({
      method: 'GET',
      url: '/v1/ledger/balances',
      headers: payments.customer,
    });
    assertProblem(asCustomer, 403);
  });

  /** A payment with nothing booked yet, so a test can try to book against it. */
  async function declinedPaymentId(): Promise<string> {
    const { rows } = await payments.pool.query<{ id: string }>(
      `SELECT id FROM payments WHERE status = 'declined' LIMIT 1`,
    );
    if (!rows[0]) throw new Error('the ledger tests need a declined payment to book against');
    return rows[0].id;
  }
});
