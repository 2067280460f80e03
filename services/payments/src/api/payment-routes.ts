// The payments API: read payments (a customer their own, an admin all) and, for admins, refund one.
import {
  decodeCursor,
  notFound,
  type Pool,
  type Principal,
  principalOf,
  type ServiceApp,
  Type,
  toPage,
  Uuid,
  withIdempotency,
  withTransaction,
} from '@emporium/service-kit';
import type { Payment } from '../domain/payment.js';
import { requestRefund } from '../flows/refunding.js';
import { listPayments } from '../store/payment-queries.js';
import { findPayment } from '../store/payment-store.js';
import { refundsOfPayments } from '../store/refund-store.js';
import {
  getPaymentRoute,
  type ListPaymentsQuery,
  listPaymentsRoute,
  type PaymentJson,
  type PaymentPage,
  type RefundAccepted,
  type RefundBody,
  refundPaymentRoute,
  toPaymentJson,
} from './payment-schemas.js';

// The route table: one line per route, naming its handler; schemas and access levels are in payment-schemas.ts.
export function registerPaymentRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/payments', listPaymentsRoute, (req) => listPage(pool, req.query, principalOf(req)));
  app.get('/v1/payments/:id', getPaymentRoute, (req) => getPayment(pool, req.params.id, principalOf(req)));
  app.post('/v1/payments/:id/refunds', refundPaymentRoute, async (req, reply) => {
    const accepted = await refund(pool, req.params.id, req.body, req.headers['idempotency-key'], principalOf(req));
    // 202 is the only answer stored under a key: refusals roll the key back with everything else.
    reply.code(202);
    return accepted.body;
  });
}

const Position = Type.Object({ id: Uuid });
const isAdmin = (caller: Principal) => caller.roles.includes('admin');

async function listPage(pool: Pool, query: ListPaymentsQuery, caller: Principal): Promise<PaymentPage> {
  const filter = { customerId: isAdmin(caller) ? undefined : caller.userId, orderId: query.order_id };
  const after = query.cursor ? decodeCursor(query.cursor, Position).id : undefined;
  const rows = await listPayments(pool, filter, after, query.limit + 1);
  const page = toPage(rows, query.limit, (last) => ({ id: last.id }));
  return { items: await withRefunds(pool, page.items), next_cursor: page.next_cursor };
}

async function getPayment(pool: Pool, id: string, caller: Principal): Promise<PaymentJson> {
  const payment = await findPayment(pool, id);
  // Another customer's payment is as absent as a missing one: its existence is not theirs to learn.
  if (!payment || (!isAdmin(caller) && payment.customerId !== caller.userId)) throw notFound(`No payment has id ${id}`);
  const [json] = await withRefunds(pool, [payment]);
  return json as PaymentJson;
}

async function withRefunds(pool: Pool, payments: Payment[]): Promise<PaymentJson[]> {
  const ids = payments.map((p) => p.id);
  const refunds = await refundsOfPayments(pool, ids);
  return payments.map((p) => toPaymentJson(p, refunds.get(p.id) ?? []));
}

function refund(pool: Pool, paymentId: string, body: RefundBody, key: string | undefined, caller: Principal) {
  return withTransaction(pool, async (tx) => {
    const work = async () => {
      const { payment, refund } = await requestRefund(tx, paymentId, body.amount);
      const accepted: RefundAccepted = {
        id: refund.id,
        payment_id: payment.id,
        amount: { amount: refund.amount, currency: payment.amount.currency },
        status: 'pending',
      };
      return { statusCode: 202, body: accepted };
    };
    if (!key) return work();
    return withIdempotency(tx, { scope: `payments:refunds:${caller.userId}`, key, request: { paymentId, body } }, work);
  });
}
