// Stray charges, for admins: money the provider took for payments that failed on our side (its answer
// was lost), found by reconciliation, and whether it was given back.
import { Money, type Pool, problemResponses, type ServiceApp, type Static, Type, Uuid } from '@emporium/service-kit';
import { listStrayCharges } from '../store/stray-charge-store.js';

const StrayChargeJson = Type.Object({
  provider_charge_id: Type.String(),
  payment_id: Uuid,
  amount: Money,
  status: Type.Union([Type.Literal('refunded'), Type.Literal('refund_failed')], {
    description: '`refund_failed`: the provider refused to give it back, so a person must finish it',
  }),
  provider_refund_id: Type.Union([Type.String(), Type.Null()]),
  failure: Type.Union([Type.String(), Type.Null()]),
  found_at: Type.String({ format: 'date-time' }),
});
const StrayChargeList = Type.Object({ items: Type.Array(StrayChargeJson) });
type StrayChargeList = Static<typeof StrayChargeList>;

const listRoute = {
  schema: {
    tags: ['ledger'],
    operationId: 'listStrayCharges',
    summary: 'Charges the provider made for payments that failed here, and their refunds (newest first)',
    querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
    response: { 200: StrayChargeList, ...problemResponses(400, 401, 403) },
  },
  config: { auth: 'admin' as const },
};

export function registerStrayChargeRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/stray-charges', listRoute, async (req): Promise<StrayChargeList> => {
    const rows = await listStrayCharges(pool, req.query.limit);
    return {
      items: rows.map((row) => ({
        provider_charge_id: row.provider_charge_id,
        payment_id: row.payment_id,
        amount: { amount: row.amount, currency: row.currency },
        status: row.status,
        provider_refund_id: row.provider_refund_id,
        failure: row.failure,
        found_at: row.found_at.toISOString(),
      })),
    };
  });
}
