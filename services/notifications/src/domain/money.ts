// Money in a message: integer minor units and a currency, shown as the currency writes it ($12.34).
import type { Money } from '@emporium/service-kit';

export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}
