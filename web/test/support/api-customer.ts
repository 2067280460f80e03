// A customer driven through the public API (typed clients over the generated declarations), for
// browser tests that need orders to exist before the page under test opens.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { paths as OrdersPaths } from '../../src/api/generated/orders.js';
import type { paths as ProductsPaths } from '../../src/api/generated/products.js';
import type { paths as UsersPaths } from '../../src/api/generated/users.js';

export interface ApiCustomer {
  email: string;
  password: string;
  authorization: { authorization: string };
  /** Places an order for the first listed product and waits until it leaves `pending`. */
  placeOrder(paymentMethod: string): Promise<{ id: string; status: string }>;
}

export async function signUpCustomer(gatewayUrl: string, name = 'API Customer'): Promise<ApiCustomer> {
  const users = createClient<UsersPaths>({ baseUrl: `${gatewayUrl}/api/users` });
  const orders = createClient<OrdersPaths>({ baseUrl: `${gatewayUrl}/api/orders` });
  const products = createClient<ProductsPaths>({ baseUrl: `${gatewayUrl}/api/products` });
  const email = `${randomUUID()}@example.com`;
  const password = 'a long enough password';
  const created = await users.POST('/v1/users', { body: { email, password, name } });
  assert.equal(created.response.status, 201);
  const { data: tokens } = await users.POST('/v1/sessions', { body: { email, password } });
  assert.ok(tokens);
  const authorization = { authorization: `Bearer ${tokens.access_token}` };
  return {
    email,
    password,
    authorization,
    async placeOrder(paymentMethod) {
      const { data: page } = await products.GET('/v1/products', { params: { query: { limit: 1, q: 'knife' } } });
      const product = page?.items[0];
      assert.ok(product, 'the catalog lists a product');
      const placed = await orders.POST('/v1/orders', {
        params: { header: { 'idempotency-key': randomUUID() } },
        headers: authorization,
        body: {
          items: [{ product_id: product.id, quantity: 1 }],
          payment_method: paymentMethod,
          shipping_address: { line1: '2 Side St', city: 'Shelbyville', postal_code: '54321', country: 'US' },
        },
      });
      assert.ok(placed.data, `order placed (${placed.response.status})`);
      for (let i = 0; i < 150; i++) {
        const { data } = await orders.GET('/v1/orders/{id}', {
          params: { path: { id: placed.data.id } },
          headers: authorization,
        });
        if (data && data.status !== 'pending') return { id: data.id, status: data.status };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`order ${placed.data.id} stayed pending`);
    },
  };
}
