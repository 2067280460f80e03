// Refunds: give back part or all of a charge (once per idempotency key), never more than it took.
import type { ServiceApp } from '@emporium/service-kit';
import { checkRefund } from '../domain/refunds.js';
import { alreadyRefunded, amountTooLarge, noSuchCharge } from '../domain/responses.js';
import type { Effect } from '../store/provider-store.js';
import type { ChargeDeps } from './charge-routes.js';
import { fingerprintOf, type GatedResponse } from './idempotency-gate.js';
import { IdempotencyKeyHeaders, RefundRequest } from './schemas.js';
import { newId, toRefund } from './wire.js';

export function registerRefundRoutes(app: ServiceApp, deps: ChargeDeps): void {
  // POST /v1/refunds   createRefund (Idempotency-Key required)

  app.post(
    '/v1/refunds',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['refunds'],
        summary: 'Refund a charge, in full unless an amount is given',
        description:
          '201 the refund; 400 `amount_too_large` past what is left on the charge, `charge_already_refunded` when ' +
          'nothing is; 404 `resource_missing`; 409 `idempotency_key_reused`; 503 a simulated outage.',
        headers: IdempotencyKeyHeaders,
        body: RefundRequest,
      },
    },
    async (request, reply) => {
      const answer = await createRefund(deps, request.headers['idempotency-key'], request.body);
      return reply.code(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
    },
  );
}

function createRefund(deps: ChargeDeps, key: string, body: RefundRequest): Promise<GatedResponse> {
  // The remainder is read and reduced inside the effect's transaction: two refunds cannot both take it.
  const effect: Effect = (writes) => {
    const charge = writes.charge(body.charge);
    if (!charge) return noSuchCharge(body.charge);
    const check = checkRefund(charge, body.amount);
    if (!check.ok)
      return check.reason === 'already_refunded' ? alreadyRefunded(charge.id) : amountTooLarge(check.remainder);
    const refund = { id: newId('re'), charge: charge.id, amount: check.amount, created: new Date().toISOString() };
    writes.addRefund(refund, { ...charge, amount_refunded: charge.amount_refunded + check.amount });
    return { status: 201, body: toRefund(refund) };
  };
  return deps.gate.run(key, fingerprintOf('POST /v1/refunds', body), async () => effect);
}
