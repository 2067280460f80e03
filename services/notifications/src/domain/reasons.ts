// Why an order was rejected or cancelled, in words a customer reads: the orders service sends codes.
const PLAIN_WORDS: Record<string, string> = {
  out_of_stock: 'some of the items are out of stock',
  payment_declined: 'your payment was declined',
  insufficient_funds: 'your card has insufficient funds',
  invalid_payment_method: 'the payment method could not be used',
  timeout: 'it took too long to complete, so we stopped it',
  payment_failed: 'the payment could not be made',
  customer_request: 'you asked us to cancel it',
  customer_requested: 'you asked us to cancel it',
  cancelled_by_customer: 'you asked us to cancel it',
  cancelled_by_admin: 'our team cancelled it',
  admin_request: 'our team cancelled it',
};

/** A reason code in plain words; an unknown code still reads as words rather than an identifier. */
export function reasonInPlainWords(code: string): string {
  const known = PLAIN_WORDS[code.trim().toLowerCase()];
  if (known) return known;
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words === '' ? 'of a problem on our side' : words;
}
