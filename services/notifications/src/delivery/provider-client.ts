// The SMS and push providers' API: a JSON POST carrying an Idempotency-Key. A 4xx other than 408
// and 429 is final (the provider refuses this request); a 5xx, a timeout or no answer is retried.
import { PermanentDeliveryError } from './senders.js';

export async function postToProvider(
  url: string,
  body: object,
  idempotencyKey: string,
  timeoutMs: number,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const detail = `${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`;
  const final = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  throw final ? new PermanentDeliveryError(detail) : new Error(detail);
}

/** A phone number as the provider takes it: digits and a leading +, without spaces, dashes or brackets. */
export function dialable(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}
