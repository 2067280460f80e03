// Charges: take money with a test card (once per idempotency key), and look charges up by id or by
// the merchant's reference.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceApp } from '@emporium/service-kit';
import { behaviourOf } from '../domain/cards.js';
import { cardDeclined, invalidPaymentMethod, noSuchCharge } from '../domain/responses.js';
import type { LiveSettings } from '../domain/settings.js';
import type { Effect, ProviderStore } from '../store/provider-store.js';
import { fingerprintOf, type GatedResponse, type IdempotencyGate } from './idempotency-gate.js';
import {
  ChargeList,
  ChargeParams,
  ChargeQuery,
  ChargeRequest,
  type ChargeWithRefunds,
  IdempotencyKeyHeaders,
} from './schemas.js';
import { newId, toCharge, toRefund } from './wire.js';

export interface ChargeDeps {
  store: ProviderStore;
  gate: IdempotencyGate;
  settings: LiveSettings;
}

const config = { auth: 'public' } as const;
const tags = ['charges'];
// Stored answers are replayed as they were first sent, so these routes declare their answers here
// rather than as response schemas.
const ANSWERS =
  '201 the charge; 402 `card_declined` with a `decline_code`; 400 `invalid_payment_method` (or a problem for a ' +
  'malformed request); 409 `idempotency_key_reused` for a key used with another request; 503 a simulated outage. ' +
  'A replay carries `idempotent-replayed: true`.';

export function registerChargeRoutes(app: ServiceApp, deps: ChargeDeps): void {
  // POST /v1/charges       createCharge (Idempotency-Key required)
  // GET  /v1/charges       listCharges (?reference=)
  // GET  /v1/charges/:id   getCharge, with its refunds

  app.post(
    '/v1/charges',
    {
      config,
      schema: {
        tags,
        summary: 'Charge a test card',
        description: ANSWERS,
        headers: IdempotencyKeyHeaders,
        body: ChargeRequest,
      },
    },
    async (request, reply) => {
      const answer = await createCharge(deps, request.headers['idempotency-key'], request.body);
      return reply.code(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
    },
  );

  app.get(
    '/v1/charges',
    {
      config,
      schema: {
        tags,
        summary: 'Every charge made for a reference',
        querystring: ChargeQuery,
        response: { 200: ChargeList },
      },
    },
    async (request) => ({ data: deps.store.chargesFor(request.query.reference).map(toCharge) }),
  );

  app.get(
    '/v1/charges/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A charge and its refunds',
        description: 'Answers 404 with `{error: {code: "resource_missing"}}` for an unknown id.',
        params: ChargeParams,
      },
    },
    async (request, reply): Promise<ChargeWithRefunds | object> => {
      const charge = deps.store.charge(request.params.id);
      if (charge) return { ...toCharge(charge), refunds: deps.store.refundsOf(charge.id).map(toRefund) };
      const missing = noSuchCharge(request.params.id);
      reply.code(missing.status);
      return missing.body;
    },
  );
}

function createCharge(deps: ChargeDeps, key: string, body: ChargeRequest): Promise<GatedResponse> {
  return deps.gate.run(key, fingerprintOf('POST /v1/charges', body), async (): Promise<Effect> => {
    const card = behaviourOf(body.payment_method);
    if (card.kind === 'declined') return () => cardDeclined(card.declineCode);
    if (card.kind === 'invalid') return () => invalidPaymentMethod(body.payment_method);
    if (card.slow) await sleep(deps.settings.current.slow_ms);
    return (writes) => {
      const charge = { id: newId('ch'), ...body, amount_refunded: 0, created: new Date().toISOString() };
      writes.addCharge(charge);
      return { status: 201, body: toCharge(charge) };
    };
  });
}
