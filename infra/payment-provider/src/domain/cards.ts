// The test cards, after the well-known convention (Stripe's test mode): which payment methods
// succeed, which are declined and why, and which take their time.

export type CardBehaviour =
  | { kind: 'succeeds'; slow: boolean }
  | { kind: 'declined'; declineCode: 'generic_decline' | 'insufficient_funds' }
  | { kind: 'invalid' };

const CARDS: Record<string, CardBehaviour> = {
  pm_card_visa: { kind: 'succeeds', slow: false },
  pm_card_mastercard: { kind: 'succeeds', slow: false },
  pm_card_slow: { kind: 'succeeds', slow: true },
  pm_card_chargeDeclined: { kind: 'declined', declineCode: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { kind: 'declined', declineCode: 'insufficient_funds' },
};

export function behaviourOf(paymentMethod: string): CardBehaviour {
  return Object.hasOwn(CARDS, paymentMethod) ? (CARDS[paymentMethod] as CardBehaviour) : { kind: 'invalid' };
}
