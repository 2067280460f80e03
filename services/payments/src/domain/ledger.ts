// The double-entry ledger's accounts and the entries of each money movement. Debits are positive,
// credits negative; every movement's entries sum to zero (the database checks it at commit).

export type Account = 'psp_clearing' | 'sales' | 'refunds';

/** Every account, in the order balances are reported. */
export const ACCOUNTS: readonly Account[] = ['psp_clearing', 'sales', 'refunds'];

export interface LedgerEntry {
  account: Account;
  /** Minor units: positive is a debit, negative a credit. */
  amount: number;
}

/** A capture: the provider now holds the money for us (debit), earned as a sale (credit). */
export const captureEntries = (amount: number): LedgerEntry[] => [
  { account: 'psp_clearing', amount },
  { account: 'sales', amount: -amount },
];

/** A refund: a contra-revenue (debit), paid out of what the provider holds for us (credit). */
export const refundEntries = (amount: number): LedgerEntry[] => [
  { account: 'refunds', amount },
  { account: 'psp_clearing', amount: -amount },
];

/** Net sales from the ledger: what sales earned less what refunds gave back (credits count up). */
export const salesNetOf = (balances: ReadonlyMap<Account, number>) =>
  -((balances.get('sales') ?? 0) + (balances.get('refunds') ?? 0));
