// Steps of a customer's and an admin's life through the gateway, for the order-saga system tests.
import assert from 'node:assert/strict';
import type { Runtime } from '@emporium/testing';
import type { Reply, shopClient } from './shop-client.js';

export type Shop = ReturnType<typeof shopClient>;

export const FINAL = ['confirmed', 'rejected', 'cancelled', 'shipped'];

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function newCustomer(shop: Shop, label: string) {
  const email = `${label}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const created = await shop.post('/api/users/v1/users', {
    email,
    password: 'a long enough password',
    name: `Shopper ${label}`,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { access_token } = await shop.signIn(email, 'a long enough password');
  return { email, id: created.body.id as string, token: access_token };
}

export const address = { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' };

export function placeOrder(
  shop: Shop,
  token: string,
  items: Array<{ product_id: string; quantity: number }>,
  paymentMethod = 'pm_card_visa',
  idempotencyKey?: string,
): Promise<Reply> {
  return shop.call('POST', '/api/orders/v1/orders', {
    token,
    body: { items, payment_method: paymentMethod, shipping_address: address },
    ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
  });
}

/** Polls the order until it reaches a final status (or `status`). */
export function settled(shop: Shop, token: string, id: string, status?: string, timeoutMs = 30_000) {
  return eventually(
    `order ${id} to be ${status ?? 'final'}`,
    async () => {
      const res = await shop.get(`/api/orders/v1/orders/${id}`, token);
      return (status ? res.body.status === status : FINAL.includes(res.body.status)) ? res.body : undefined;
    },
    timeoutMs,
  );
}

export async function stockOf(shop: Shop, productId: string) {
  const res = await shop.get(`/api/inventory/v1/stock/${productId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { on_hand: number; reserved: number; available: number };
}

/** The mail, SMS and push messages the notification sink received for `to`. */
export async function sinkMessages(runtime: Runtime, to: string, channel = 'email') {
  const sink = await runtime.process('notification-sink');
  const res = await fetch(`${sink.url}/v1/messages?channel=${channel}&to=${encodeURIComponent(to)}&limit=100`);
  return ((await res.json()) as { items: Array<{ subject?: string; text: string }> }).items;
}

/** Every charge the payment provider made for an order (its Stripe-style list: `{ data: [...] }`). */
export async function providerCharges(runtime: Runtime, orderId: string): Promise<unknown[]> {
  const provider = await runtime.process('payment-provider');
  const res = await fetch(`${provider.url}/v1/charges?reference=${orderId}`);
  const body = (await res.json()) as { data?: unknown[] };
  assert.equal(res.status, 200);
  assert.ok(Array.isArray(body.data), `the provider lists charges as { data: [...] }: ${JSON.stringify(body)}`);
  return body.data;
}
