// What a payment is, how its charge can end, and what a repeated ProcessPayment answers.
import type { Money } from '@emporium/service-kit';

/** The shop sells in one currency; a charge in another is refused without calling the provider. */
export const SHOP_CURRENCY = 'USD';

/** `refunded` means refunded in full; a partly refunded payment stays `captured`. */
export type PaymentStatus = 'processing' | 'captured' | 'declined' | 'refunded';

/** Why a payment failed: PaymentFailed's reason. */
export type FailureReason =
  | 'payment_declined'
  | 'insufficient_funds'
  | 'invalid_payment_method'
  | 'provider_unavailable'
  | 'provider_rejected'
  | 'unsupported_currency';

/** The reason given to a ProcessPayment for an order the saga gave up on before paying. */
export const CANCELLED = 'cancelled';

export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  amount: Money;
  paymentMethod: string;
  status: PaymentStatus;
  failureReason: FailureReason | null;
  providerChargeId: string | null;
  /** What succeeded refunds gave back. */
  refundedAmount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** How the provider call ended, once it gave an answer that is final. */
export type ChargeResult = { kind: 'captured'; chargeId: string | null } | { kind: 'declined'; reason: FailureReason };

export interface NewPayment {
  id: string;
  orderId: string;
  customerId: string;
  amount: Money;
  paymentMethod: string;
}

/** A payment the provider must not be asked for: its outcome is known now. Undefined when it must be. */
export function settledWithoutProvider(payment: NewPayment): ChargeResult | undefined {
  if (payment.amount.currency !== SHOP_CURRENCY) return { kind: 'declined', reason: 'unsupported_currency' };
  // Nothing to take: an order of free items is paid as it stands.
  if (payment.amount.amount === 0) return { kind: 'captured', chargeId: null };
  return undefined;
}

/** What a repeated ProcessPayment for an existing payment re-announces (nothing while in flight). */
export function outcomeToAnnounce(payment: Payment): 'completed' | 'failed' | 'none' {
  switch (payment.status) {
    case 'processing':
      return 'none';
    case 'captured':
    case 'refunded':
      return 'completed';
    case 'declined':
      return 'failed';
  }
}

/** The provider charge key: one per order, so every retry of the order's charge is the same charge. */
export const chargeKeyOf = (payment: Pick<Payment, 'orderId'>) => `charge-${payment.orderId}`;

/** The provider refund key: one per refund, so a retried refund job refunds once. */
export const refundKeyOf = (refundId: string) => `refund-${refundId}`;
