// The refund rule: a charge gives back at most what it took, over any number of partial refunds.

export type RefundCheck =
  | { ok: true; amount: number }
  | { ok: false; reason: 'already_refunded' | 'too_large'; remainder: number };

/** How much a refund of `requested` (the whole remainder when undefined) may give back. */
export function checkRefund(
  charge: { amount: number; amount_refunded: number },
  requested: number | undefined,
): RefundCheck {
  const remainder = charge.amount - charge.amount_refunded;
  if (remainder <= 0) return { ok: false, reason: 'already_refunded', remainder: 0 };
  const amount = requested ?? remainder;
  if (amount > remainder) return { ok: false, reason: 'too_large', remainder };
  return { ok: true, amount };
}
