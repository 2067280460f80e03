// The ledger, for admins: each account's balance, whether it balances, and the payments-side totals
// it must agree with (captured − refunded = the ledger's net sales).
import { Money, type Pool, problemResponses, type ServiceApp, type Static, Type } from '@emporium/service-kit';
import { ACCOUNTS, type Account, salesNetOf } from '../domain/ledger.js';
import { SHOP_CURRENCY } from '../domain/payment.js';
import { accountBalances, isLedgerBalanced, paymentTotals } from '../store/ledger-store.js';

const LedgerBalances = Type.Object({
  accounts: Type.Array(Type.Object({ account: Type.String(), balance: Money })),
  balanced: Type.Boolean({ description: 'every ledger transaction, and so the whole ledger, sums to zero' }),
  captured_total: Money,
  refunded_total: Money,
  sales_net: Money,
});
type LedgerBalances = Static<typeof LedgerBalances>;

const balancesRoute = {
  schema: {
    tags: ['ledger'],
    operationId: 'ledgerBalances',
    summary: "The ledger's account balances and the totals they must agree with",
    response: { 200: LedgerBalances, ...problemResponses(401, 403) },
  },
  config: { auth: 'admin' as const },
};

export function registerLedgerRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/ledger/balances', balancesRoute, () => ledgerBalances(pool));
}

async function ledgerBalances(pool: Pool): Promise<LedgerBalances> {
  const money = (amount: number): Money => ({ amount, currency: SHOP_CURRENCY });
  const [rows, balanced, totals] = await Promise.all([
    accountBalances(pool),
    isLedgerBalanced(pool),
    paymentTotals(pool, SHOP_CURRENCY),
  ]);
  const balances = new Map<Account, number>(
    rows.filter((r) => r.currency === SHOP_CURRENCY).map((r) => [r.account, r.balance]),
  );
  return {
    accounts: ACCOUNTS.map((account) => ({ account, balance: money(balances.get(account) ?? 0) })),
    balanced,
    captured_total: money(totals.captured),
    refunded_total: money(totals.refunded),
    sales_net: money(salesNetOf(balances)),
  };
}
