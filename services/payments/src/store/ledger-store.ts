// SQL for the double-entry ledger: one transaction per money movement with its entries, and the
// balances (the database refuses, at commit, a transaction whose entries do not sum to zero).
import type { Queryable } from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import type { Account, LedgerEntry } from '../domain/ledger.js';

export interface Movement {
  kind: 'capture' | 'refund';
  paymentId: string;
  refundId?: string;
  currency: string;
  entries: LedgerEntry[];
}

export async function recordMovement(tx: Queryable, movement: Movement): Promise<void> {
  const transactionId = uuidv7();
  await tx.query(
    `WITH added AS (INSERT INTO ledger_transactions (id, kind, payment_id, refund_id) VALUES ($1, $2, $3, $4))
     INSERT INTO ledger_entries (transaction_id, account, amount, currency)
     SELECT $1, account, amount, $5 FROM unnest($6::text[], $7::bigint[]) AS e(account, amount)`,
    [
      transactionId,
      movement.kind,
      movement.paymentId,
      movement.refundId ?? null,
      movement.currency,
      movement.entries.map((e) => e.account),
      movement.entries.map((e) => e.amount),
    ],
  );
}

export interface AccountBalance {
  account: Account;
  currency: string;
  balance: number;
}

export async function accountBalances(db: Queryable): Promise<AccountBalance[]> {
  const { rows } = await db.query<AccountBalance>(
    `SELECT account, currency, sum(amount)::bigint AS balance FROM ledger_entries GROUP BY account, currency
     ORDER BY currency, account`,
  );
  return rows;
}

/** True when all entries sum to zero, and so does each transaction's. */
export async function isLedgerBalanced(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ balanced: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM ledger_entries GROUP BY currency HAVING sum(amount) <> 0)
        AND NOT EXISTS (SELECT 1 FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount) <> 0)
        AS balanced`,
  );
  return rows[0]?.balanced ?? false;
}

/** From the payments side (not the ledger): what was captured, and what refunds gave back. */
export async function paymentTotals(db: Queryable, currency: string): Promise<{ captured: number; refunded: number }> {
  const { rows } = await db.query<{ captured: number; refunded: number }>(
    `SELECT
       (SELECT coalesce(sum(amount), 0)::bigint FROM payments
         WHERE currency = $1 AND status IN ('captured', 'refunded')) AS captured,
       (SELECT coalesce(sum(r.amount), 0)::bigint FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE p.currency = $1 AND r.status = 'succeeded') AS refunded`,
    [currency],
  );
  return rows[0] ?? { captured: 0, refunded: 0 };
}
