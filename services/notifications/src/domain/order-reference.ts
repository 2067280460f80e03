// The short form of an order id that subjects and SMS use; the full id is in the message body.
// The end of a UUID v7 is its random part, so it tells a customer's orders apart (the start is a time).
export function orderReference(orderId: string): string {
  return `#${orderId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
