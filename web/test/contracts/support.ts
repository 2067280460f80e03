// What the web apps' pacts share. Every request is made by the apps' own API code, pointed at the Pact
// mock server: the typed clients (createApiClients adds /api/{route}), the session's token store and
// auth middleware (the bearer token), the Idempotency-Key helper, and unwrap() reading answers and
// problem+json refusals. So the pacts say what the apps really send and read, and a change to that code
// that breaks the contract fails here. What a page puts in a request (a form's body, a page size) lives
// in its component and is written out in each test, beside the page it comes from.
import assert from 'node:assert/strict';
import { fromState } from '@emporium/contract-testing';
import { MatchersV3 as M } from '@pact-foundation/pact';
import { type ApiClients, createApiClients } from '../../src/api/clients.js';
import { ProblemError, unwrap } from '../../src/api/problem.js';
import type { Problem } from '../../src/api/types.js';
import { authMiddleware } from '../../src/session/auth-middleware.js';
import { refreshThrough, TokenStore } from '../../src/session/token-store.js';

export const jsonResponse = { 'content-type': M.regex('application/json.*', 'application/json; charset=utf-8') };
export const problemResponse = {
  'content-type': M.regex('application/problem\\+json.*', 'application/problem+json'),
};
/** A request with a JSON body, as openapi-fetch sends it (it sets no Accept: fetch's own is any type). */
export const jsonRequest = { 'content-type': 'application/json' };

export const EXAMPLE_TOKEN = 'eyJhbGciOiJFZERTQSJ9.example.signature';
export const ADMIN_TOKEN = 'eyJhbGciOiJFZERTQSJ9.admin.signature';
export const EXAMPLE_REFRESH_TOKEN = '0192f0a0.secret';

/** The signed-in customer's token, which the provider state issues. */
export const bearer = () => fromState('Bearer {token}', `Bearer ${EXAMPLE_TOKEN}`);

/** An admin's token (the admin app), which the provider state "an admin is signed in" issues. */
export const adminBearer = () => fromState('Bearer {adminToken}', `Bearer ${ADMIN_TOKEN}`);

/** A problem+json body: the apps show `detail` and branch on `status`. */
export const problem = (status: number) => ({ status, title: M.string('Not Found'), detail: M.string('why') });

export const money = (amount: number) => ({ amount: M.integer(amount), currency: M.regex('[A-Z]{3}', 'USD') });

/** localStorage, where the session keeps its tokens; Node has none, so the tests keep them in memory. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}
Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });

let sessions = 0;

export interface AppSession {
  /** The clients the app's pages use: createApiClients with the session's auth middleware. */
  api: ApiClients;
  store: TokenStore;
}

/**
 * A web app's session against `origin` (the mock server), as the SessionProvider builds it: a token
 * store that refreshes through clients without the auth middleware, and clients that add its token.
 * `signedIn` saves the tokens a sign-in would have; without it the session is signed out.
 */
export function appSession(
  origin: string,
  signedIn?: { accessToken: string; refreshToken?: string; expiresIn?: number },
): AppSession {
  const store = new TokenStore(`emporium-pact-session-${++sessions}`, refreshThrough(createApiClients([], origin)));
  if (signedIn) {
    store.save({
      access_token: signedIn.accessToken,
      token_type: 'Bearer',
      expires_in: signedIn.expiresIn ?? 900,
      refresh_token: signedIn.refreshToken ?? EXAMPLE_REFRESH_TOKEN,
    });
  }
  return { api: createApiClients([authMiddleware(store)], origin), store };
}

/** The clients of a signed-out visitor (the shop before sign-in). */
export const signedOut = (origin: string) => appSession(origin).api;
/** The clients of the signed-in customer. */
export const asCustomer = (origin: string) => appSession(origin, { accessToken: EXAMPLE_TOKEN }).api;
/** The clients of the admin app, signed in as an admin. */
export const asAdmin = (origin: string) => appSession(origin, { accessToken: ADMIN_TOKEN }).api;

/** The problem the apps show for a refused request: what unwrap() throws, as a ProblemError. */
export async function refusal(pending: Parameters<typeof unwrap>[0]): Promise<Problem> {
  try {
    await unwrap(pending);
  } catch (error) {
    assert.ok(error instanceof ProblemError, `expected a ProblemError, got ${String(error)}`);
    return error.problem;
  }
  return assert.fail('the request was not refused');
}
