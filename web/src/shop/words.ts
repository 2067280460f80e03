// What the shop says about payment methods, order statuses and reasons, in plain words.
import type { OrderStatus } from '../api/types';

export const PAYMENT_METHODS = [
  { id: 'pm_card_visa', label: 'Visa test card', explain: 'A card that always pays. Your order is confirmed.' },
  { id: 'pm_card_mastercard', label: 'Mastercard test card', explain: 'Another card that always pays.' },
  {
    id: 'pm_card_chargeDeclined',
    label: 'Declined test card',
    explain: 'The bank says no. Use it to see how a refused payment looks: nothing is charged.',
  },
  {
    id: 'pm_card_chargeDeclinedInsufficientFunds',
    label: 'Empty-account test card',
    explain: 'Declined because the account has too little money. Nothing is charged.',
  },
  {
    id: 'pm_card_slow',
    label: 'Slow test card',
    explain: 'Pays, but the bank takes a few seconds to answer. Watch the order wait, then confirm.',
  },
] as const;

export function paymentMethodLabel(id: string): string {
  return PAYMENT_METHODS.find((m) => m.id === id)?.label ?? id;
}

export const STATUS_WORDS: Record<OrderStatus, { title: string; body: string }> = {
  pending: { title: 'Placing your order…', body: 'We are reserving your items and taking the payment.' },
  confirmed: {
    title: 'Order confirmed',
    body: 'Payment taken and items reserved. We will let you know when it ships.',
  },
  rejected: { title: 'Order not placed', body: 'Nothing was charged.' },
  cancelled: { title: 'Order cancelled', body: 'Any payment has been refunded and the items returned to stock.' },
  shipped: { title: 'Order shipped', body: 'Your order is on its way.' },
};

/** How each status reads in an order's history. */
export const HISTORY_WORDS: Record<OrderStatus, string> = {
  pending: 'Order placed',
  confirmed: 'Confirmed',
  rejected: 'Not placed',
  cancelled: 'Cancelled',
  shipped: 'Shipped',
};

const REASONS: Record<string, string> = {
  out_of_stock: 'Some items ran out of stock before we could reserve them.',
  payment_declined: 'Your card was declined by the bank.',
  card_declined: 'Your card was declined by the bank.',
  insufficient_funds: 'Your card was declined: the account does not have enough money.',
  invalid_payment_method: 'The payment method is not one we accept.',
  timeout: 'The payment took too long to answer, so we stopped. Nothing was charged.',
  provider_unavailable: 'The payment service could not be reached. Nothing was charged.',
  unsupported_currency: 'The payment service does not accept this currency.',
  cancelled_by_customer: 'You cancelled this order.',
  cancelled_by_admin: 'The shop cancelled this order.',
};

/** A reason code from the API, as a sentence. Unknown codes are still readable ("some_reason" → "Some reason."). */
export function reasonInWords(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const known = REASONS[reason];
  if (known) return known;
  const words = reason.replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}
