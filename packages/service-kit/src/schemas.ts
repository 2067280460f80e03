// Schemas shared by every public API: money, ids, problems.
import { type Static, Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });

export const Money = Type.Object(
  {
    amount: Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'integer minor units (cents)',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

/** A postal address (users' profiles, orders' shipping addresses). */
export const Address = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    postal_code: Type.String({ minLength: 1, maxLength: 20 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Uuid });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'the request is invalid; `errors` names each bad field',
  401: 'no valid access token',
  403: 'the token lacks the role this needs',
  404: 'no such resource',
  409: 'conflicts with the current state',
  413: 'the body is larger than this endpoint accepts',
  429: 'refused for now (the service is too far behind); Retry-After says when to try again',
  503: 'a service this needs cannot be reached; try again later',
};

/** Response schemas for a route's refusals, so its OpenAPI document shows each as application/problem+json. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'refused',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}
