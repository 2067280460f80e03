// What every web app pact shares: the storefront and the admin app only ever call the gateway
// (/api/{route}/...), send JSON, sign in with a bearer token the provider state hands out, and read
// problem+json errors.
import { MatchersV3 as M } from '@pact-foundation/pact';
import { fromState } from '../../src/provider-values.js';

export const jsonResponse = { 'content-type': M.regex('application/json.*', 'application/json; charset=utf-8') };
export const problemResponse = {
  'content-type': M.regex('application/problem\\+json.*', 'application/problem+json'),
};
export const jsonRequest = { 'content-type': 'application/json', accept: 'application/json' };

/** The signed-in customer's token, which the provider state issues. */
export const bearer = () => fromState('Bearer {token}', 'Bearer eyJhbGciOiJFZERTQSJ9.example.signature');

/** An admin's token (the admin app), which the provider state "an admin is signed in" issues. */
export const adminBearer = () => fromState('Bearer {adminToken}', 'Bearer eyJhbGciOiJFZERTQSJ9.admin.signature');
export const ADMIN_TOKEN = 'eyJhbGciOiJFZERTQSJ9.admin.signature';

/** A problem+json body: the storefront shows `detail` and branches on `status`. */
export const problem = (status: number) => ({ status, title: M.string('Not Found'), detail: M.string('why') });

export const money = (amount: number) => ({ amount: M.integer(amount), currency: M.regex('[A-Z]{3}', 'USD') });

/** Sends a JSON request to the mock server as the storefront's API client does; returns status and body. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const EXAMPLE_TOKEN = 'eyJhbGciOiJFZERTQSJ9.example.signature';
