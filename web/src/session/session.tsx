// The session as React context, shared by the shop, the admin and the console: who is signed in,
// the typed API clients (tokens added and refreshed without the user noticing), sign in/up/out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClients, createApiClients } from '../api/clients';
import { ProblemError, unwrap } from '../api/problem';
import type { Me } from '../api/types';
import { authMiddleware } from './auth-middleware';
import { refreshThrough, TokenStore } from './token-store';

export interface Session {
  api: ApiClients;
  /** The signed-in user, or undefined when signed out (or not yet known: see `ready`). */
  user: Me | undefined;
  ready: boolean;
  isAdmin: boolean;
  signIn(email: string, password: string): Promise<Me>;
  signUp(details: { email: string; password: string; name: string }): Promise<Me>;
  signOut(): Promise<void>;
  reloadUser(): Promise<void>;
  /** A current access token (refreshed if needed), for requests outside the clients such as event streams. */
  accessToken(): Promise<string | undefined>;
}

const SessionContext = createContext<Session | undefined>(undefined);

function createTokenStore(storageKey: string): TokenStore {
  return new TokenStore(storageKey, refreshThrough(createApiClients()));
}

/** `storageKey` separates sign-ins: the shop has its own; the admin and the console share one. */
export function SessionProvider({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const store = useMemo(() => createTokenStore(storageKey), [storageKey]);
  const api = useMemo(() => createApiClients([authMiddleware(store)]), [store]);
  const [user, setUser] = useState<Me | undefined>(undefined);
  const [ready, setReady] = useState(false);

  const reloadUser = useCallback(async () => {
    if (!store.read()) {
      setUser(undefined);
      setReady(true);
      return;
    }
    try {
      setUser(await unwrap(api.users.GET('/v1/users/me')));
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 401) store.clear();
      setUser(undefined);
    } finally {
      setReady(true);
    }
  }, [api, store]);

  useEffect(() => {
    void reloadUser();
    // Another tab signed in or out: follow it.
    return store.subscribe(() => {
      if (!store.read()) setUser(undefined);
    });
  }, [reloadUser, store]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      store.save(await unwrap(api.users.POST('/v1/sessions', { body: { email, password } })));
      const me = await unwrap(api.users.GET('/v1/users/me'));
      setUser(me);
      return me;
    },
    [api, store],
  );

  const signUp = useCallback(
    async (details: { email: string; password: string; name: string }) => {
      await unwrap(api.users.POST('/v1/users', { body: details }));
      return signIn(details.email, details.password);
    },
    [api, signIn],
  );

  const signOut = useCallback(async () => {
    const tokens = store.read();
    store.clear();
    setUser(undefined);
    // Revoking is a courtesy to the server: the local sign-out has happened whatever it answers.
    if (tokens)
      await api.users
        .POST('/v1/sessions/revoke', { body: { refresh_token: tokens.refresh_token } })
        .catch(() => undefined);
  }, [api, store]);

  const value = useMemo<Session>(
    () => ({
      api,
      user,
      ready,
      isAdmin: user?.roles.includes('admin') ?? false,
      signIn,
      signUp,
      signOut,
      reloadUser,
      accessToken: () => store.accessToken(),
    }),
    [api, user, ready, signIn, signUp, signOut, reloadUser, store],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider> above it');
  return session;
}

/** The typed API clients of the current session. */
export function useApi(): ApiClients {
  return useSession().api;
}
