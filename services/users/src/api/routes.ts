// The users API: registration, sessions (sign in, refresh, sign out), the caller's profile, JWKS.
import { principalOf, problemResponses, type ServiceApp, Type } from '@emporium/service-kit';
import type { Accounts } from '../flows/accounts.js';
import type { Sessions } from '../flows/sessions.js';
import type { KeyRing } from '../signing/key-ring.js';
import { Credentials, Jwks, ProfilePatch, RefreshRequest, Registration, TokenPair, toUser, User } from './schemas.js';

export interface UsersApiDeps {
  accounts: Accounts;
  sessions: Sessions;
  keys: KeyRing;
}

export function registerRoutes(app: ServiceApp, deps: UsersApiDeps): void {
  const { accounts, sessions, keys } = deps;

  // POST  /v1/users               register
  // POST  /v1/sessions            signIn
  // POST  /v1/sessions/refresh    refresh (rotation, reuse detection)
  // POST  /v1/sessions/revoke     signOut
  // GET   /v1/users/me            profile
  // PATCH /v1/users/me            updateProfile
  // GET   /.well-known/jwks.json  jwks

  app.post(
    '/v1/users',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['users'],
        summary: 'Register a customer account',
        body: Registration,
        response: { 201: User, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(toUser(await accounts.register(request.body))),
  );

  app.post(
    '/v1/sessions',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with email and password',
        body: Credentials,
        response: { 200: TokenPair, ...problemResponses(400, 401) },
      },
    },
    async (request) => sessions.signIn(request.body.email, request.body.password),
  );

  app.post(
    '/v1/sessions/refresh',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Exchange a refresh token for a new pair; the old one stops working',
        body: RefreshRequest,
        response: { 200: TokenPair, ...problemResponses(400, 401) },
      },
    },
    async (request) => sessions.refresh(request.body.refresh_token),
  );

  app.post(
    '/v1/sessions/revoke',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out: revoke a refresh token and every token rotated from the same sign-in',
        body: RefreshRequest,
        response: { 204: Type.Null(), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      await sessions.signOut(request.body.refresh_token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/users/me',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['users'],
        summary: "The caller's profile",
        response: { 200: User, ...problemResponses(401, 404) },
      },
    },
    async (request) => toUser(await accounts.profile(principalOf(request).userId)),
  );

  app.patch(
    '/v1/users/me',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['users'],
        summary: "Change the caller's name, phone or address (null clears phone or address)",
        body: ProfilePatch,
        response: { 200: User, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => toUser(await accounts.updateProfile(principalOf(request).userId, request.body)),
  );

  app.get(
    '/.well-known/jwks.json',
    {
      config: { auth: 'public' },
      schema: { tags: ['keys'], summary: 'Public keys that verify access tokens', response: { 200: Jwks } },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(keys.jwks),
  );
}
