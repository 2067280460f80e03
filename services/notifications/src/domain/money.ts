// Money in a message: integer minor units and a currency, shown as the currency writes it ($12.34).
import type { Money } from '@emporium/service-kit';

// Building an Intl.NumberFormat costs far more than formatting with one: one per currency, kept.
const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function formatFor(currency: string) {
  let found = formats.get(currency);
  if (!found) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    found = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(currency, found);
  }
  return found;
}

export function formatMoney(money: Money): string {
  const { format, digits } = formatFor(money.currency);
  return format.format(money.amount / 10 ** digits);
}
