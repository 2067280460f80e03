// Access-token verification for every service: JWTs signed by the users service, checked against
// its JWKS (keys cached and refreshed by jose), and a per-route access level.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { forbidden, unauthorized } from './errors.js';

export type Role = 'customer' | 'admin';
/** Who may call a route: anyone, any signed-in user, or admins only. */
export type AccessLevel = 'public' | 'customer' | 'admin';

export interface Principal {
  userId: string;
  email: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Defaults to 'customer': a route is public only when it says so. */
    auth?: AccessLevel;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
}

export function createTokenVerifier(keys: JWTVerifyGetKey, options: VerifierOptions): TokenVerifier {
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['EdDSA', 'ES256'],
          requiredClaims: ['sub', 'exp'],
        });
        const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
        return { userId: String(payload.sub), email: String(payload.email ?? ''), roles };
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw unauthorized('The access token has expired');
        if (error instanceof joseErrors.JOSEError) throw unauthorized('The access token is not valid');
        throw error;
      }
    },
  };
}

/** A verifier that fetches the users service's JWKS, caching keys and refetching on an unknown key id. */
export function createRemoteTokenVerifier(jwksUrl: string, options: VerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
  return createTokenVerifier(keys, options);
}

function isRole(value: unknown): value is Role {
  return value === 'customer' || value === 'admin';
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Enforces each route's `config.auth` and sets `request.principal`. */
export function registerAuth(app: FastifyInstance, verifier: TokenVerifier | undefined): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const level = route.config?.auth ?? 'customer';
    if (level !== 'public' && route.schema && !route.schema.hide) {
      route.schema.security = [{ bearerAuth: [] }];
    }
  });
  app.addHook('onRequest', async (request) => {
    const level: AccessLevel = request.routeOptions.config?.auth ?? 'customer';
    if (!request.routeOptions.url) return; // not-found handler
    const token = bearerToken(request);
    if (!token) {
      if (level === 'public') return;
      throw unauthorized();
    }
    if (!verifier) throw new Error('this route needs a token verifier, but the service was built without one');
    request.principal = await verifier.verify(token);
    if (level === 'admin' && !request.principal.roles.includes('admin')) {
      throw forbidden('This action needs the admin role');
    }
  });
}

/** The signed-in caller, for handlers of non-public routes. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
