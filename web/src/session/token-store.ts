// The signed-in tokens of one app, kept in localStorage so a reload (or another tab) stays signed in.
// Refresh tokens rotate and a reused one revokes the whole sign-in, so refreshes are serialized
// across tabs (Web Locks) and a tab that finds fresher tokens in storage uses them instead.
import type { ApiClients } from '../api/clients.js';
import type { TokenPair } from '../api/types.js';

export interface StoredTokens {
  access_token: string;
  refresh_token: string;
  /** epoch ms after which the access token is no longer accepted */
  expires_at: number;
}

/** Refresh this long before the access token expires, so no request carries a token about to lapse. */
const EARLY_MS = 30_000;

export type Refresher = (refreshToken: string) => Promise<TokenPair | 'rejected'>;

/**
 * Exchanges a refresh token at POST /v1/sessions/refresh through `plain`, clients without the auth
 * middleware (the access token being replaced may be expired or revoked). A refused refresh token
 * (400, 401) signs out; any other failure is thrown, and the tokens are kept for the next try.
 */
export function refreshThrough(plain: ApiClients): Refresher {
  return async (refresh_token) => {
    const { data, response } = await plain.users.POST('/v1/sessions/refresh', { body: { refresh_token } });
    if (data) return data;
    if (response.status === 401 || response.status === 400) return 'rejected';
    throw new Error(`refresh failed with ${response.status}`);
  };
}

export class TokenStore {
  private refreshing: Promise<StoredTokens | undefined> | undefined;
  private listeners = new Set<() => void>();

  constructor(
    private readonly key: string,
    private readonly refresher: Refresher,
  ) {
    globalThis.addEventListener?.('storage', (event) => {
      if (event.key === this.key) this.notify();
    });
  }

  read(): StoredTokens | undefined {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? (JSON.parse(raw) as StoredTokens) : undefined;
    } catch {
      return undefined;
    }
  }

  save(pair: TokenPair): StoredTokens {
    const tokens = {
      access_token: pair.access_token,
      refresh_token: pair.refresh_token,
      expires_at: Date.now() + pair.expires_in * 1000,
    };
    localStorage.setItem(this.key, JSON.stringify(tokens));
    this.notify();
    return tokens;
  }

  clear(): void {
    localStorage.removeItem(this.key);
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An access token that is still good, refreshing first when it is about to expire; undefined when signed out. */
  async accessToken(): Promise<string | undefined> {
    const tokens = this.read();
    if (!tokens) return undefined;
    if (tokens.expires_at - EARLY_MS > Date.now()) return tokens.access_token;
    return (await this.refresh(tokens.access_token))?.access_token;
  }

  /** Exchanges the refresh token once, even when many requests (or tabs) ask at the same time. */
  refresh(staleAccessToken: string): Promise<StoredTokens | undefined> {
    this.refreshing ??= this.withLock(() => this.refreshUnlessDone(staleAccessToken)).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshUnlessDone(staleAccessToken: string): Promise<StoredTokens | undefined> {
    const current = this.read();
    if (!current) return undefined;
    // Another tab (or an earlier call) refreshed while we waited for the lock.
    if (current.access_token !== staleAccessToken && current.expires_at - EARLY_MS > Date.now()) return current;
    const pair = await this.refresher(current.refresh_token);
    if (pair === 'rejected') {
      this.clear();
      return undefined;
    }
    return this.save(pair);
  }

  private async withLock(work: () => Promise<StoredTokens | undefined>): Promise<StoredTokens | undefined> {
    const locks = globalThis.navigator?.locks;
    if (!locks) return work();
    let result: StoredTokens | undefined;
    await locks.request(`${this.key}:refresh`, async () => {
      result = await work();
    });
    return result;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
