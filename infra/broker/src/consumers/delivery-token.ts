// A delivery token names one delivery of one message: its stream sequence and delivery count. The
// count lets the broker ignore a nak from an instance whose ack wait ran out and whose message
// has since gone to another instance.

export interface DeliveryRef {
  seq: number;
  deliveries: number;
}

export const TOKEN_PATTERN = '^[1-9][0-9]{0,15}\\.[1-9][0-9]{0,8}$';

export function deliveryToken(ref: DeliveryRef): string {
  return `${ref.seq}.${ref.deliveries}`;
}

export function parseDeliveryToken(token: string): DeliveryRef | undefined {
  const match = /^([1-9]\d*)\.([1-9]\d*)$/.exec(token);
  if (!match) return undefined;
  const seq = Number(match[1]);
  const deliveries = Number(match[2]);
  return Number.isSafeInteger(seq) && Number.isSafeInteger(deliveries) ? { seq, deliveries } : undefined;
}
