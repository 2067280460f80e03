// The payments API: who sees which payment (401, 404 for another customer's), what a payment shows,
// paging, and bad input refused with 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessPayment, RefundPayment } from '@emporium/contracts';
import { assertProblem, errorPaths, openApiOperations } from '@emporium/service-testing';
import { publishedAbout } from './support/outcomes.js';
import { eventually, processCommand, refundCommand, startTestPayments, type TestPayments } from './support/payments.js';

interface PaymentJson {
  id: string;
  order_id: string;
  customer_id: string;
  amount: { amount: number; currency: string };
  status: string;
  failure_reason: string | null;
  refunded_amount: { amount: number; currency: string };
  refunds: Array<{ id: string; amount: { amount: number }; status: string; created_at: string }>;
}
interface PaymentPage {
  items: PaymentJson[];
  next_cursor: string | null;
}

describe('payments: the API', () => {
  let payments: TestPayments;
  let mine: string[]; // order ids of the test customer, oldest first
  let othersOrder: string;
  before(async () => {
    payments = await startTestPayments('payments_api');
    mine = [];
    for (const amount of [1000, 2000, 3000]) {
      const command = processCommand({ customer_id: payments.customerId, amount: { amount, currency: 'USD' } });
      await payments.deliver(ProcessPayment, command);
      mine.push(command.order_id);
    }
    const others = processCommand({ payment_method: 'pm_card_chargeDeclined' });
    await payments.deliver(ProcessPayment, others);
    othersOrder = others.order_id;
    await eventually(
      async () => (await publishedAbout(payments.pool, othersOrder)).length === 1,
      'the declined payment',
    );
    for (const orderId of mine) {
      await eventually(async () => (await publishedAbout(payments.pool, orderId)).length === 1, 'the captures');
    }
    await payments.deliver(RefundPayment, refundCommand(mine[0] as string, 400));
    await eventually(async () => (await publishedAbout(payments.pool, mine[0] as string)).length === 2, 'the refund');
  });
  after(() => payments.close());

  const get = (url: string, headers: Record<string, string> = payments.customer) =>
    payments.app.inject({ method: 'GET', url, headers });

  it("lists a customer's own payments only, newest first", async () => {
    const res = await get('/v1/payments');
    assert.equal(res.statusCode, 200);
    const page = res.json<PaymentPage>();
    assert.deepEqual(
      page.items.map((p) => p.order_id),
      [...mine].reverse(),
    );
    assert.ok(page.items.every((p) => p.customer_id === payments.customerId));
  });

  it('shows a payment with its status, refunded amount and refunds', async () => {
    const page = (await get(`/v1/payments?order_id=${mine[0]}`)).json<PaymentPage>();
    const [payment] = page.items;
    assert.ok(payment);
    assert.deepEqual(
      {
        status: payment.status,
        amount: payment.amount,
        refunded: payment.refunded_amount,
        refunds: payment.refunds.map((r) => [r.amount.amount, r.status]),
      },
      {
        status: 'captured',
        amount: { amount: 1000, currency: 'USD' },
        refunded: { amount: 400, currency: 'USD' },
        refunds: [[400, 'succeeded']],
      },
    );
    const byId = await get(`/v1/payments/${payment.id}`);
    assert.deepEqual(byId.json(), payment);
  });

  it("lets an admin see every payment, a declined one's reason included", async () => {
    const page = (await get(`/v1/payments?order_id=${othersOrder}`, payments.admin)).json<PaymentPage>();
    assert.deepEqual(
      page.items.map((p) => [p.status, p.failure_reason]),
      [['declined', 'payment_declined']],
    );
    assert.equal((await get('/v1/payments?limit=100', payments.admin)).json<PaymentPage>().items.length, 4);
  });

  it("hides another customer's payment: empty by order id, 404 by id", async () => {
    assert.deepEqual((await get(`/v1/payments?order_id=${othersOrder}`)).json<PaymentPage>().items, []);
    const others = (await get(`/v1/payments?order_id=${othersOrder}`, payments.admin)).json<PaymentPage>().items[0];
    assertProblem(await get(`/v1/payments/${others?.id}`), 404);
    assertProblem(await get('/v1/payments/0190a000-0000-7000-8000-000000000000', payments.admin), 404);
  });

  it('pages with next_cursor until the last page', async () => {
    const first = (await get('/v1/payments?limit=2')).json<PaymentPage>();
    assert.equal(first.items.length, 2);
    assert.ok(first.next_cursor);
    const second = (await get(`/v1/payments?limit=2&cursor=${first.next_cursor}`)).json<PaymentPage>();
    assert.deepEqual(
      [...first.items, ...second.items].map((p) => p.order_id),
      [...mine].reverse(),
    );
    assert.equal(second.next_cursor, null);
  });

  it('refuses a caller without a valid token with 401', async () => {
    assertProblem(await get('/v1/payments', {}), 401);
    assertProblem(await get(`/v1/payments/${mine[0]}`, { authorization: 'Bearer not-a-token' }), 401);
    assertProblem(await get('/v1/ledger/balances', {}), 401);
  });

  it('publishes an OpenAPI document describing every route, each needing a token', async () => {
    const operations = await openApiOperations(payments.app);
    assert.deepEqual(operations.map((o) => o.route).toSorted(), [
      'GET /v1/ledger/balances',
      'GET /v1/payments',
      'GET /v1/payments/{id}',
      'GET /v1/stray-charges',
      'POST /v1/payments/{id}/refunds',
    ]);
    for (const { route, op } of operations) assert.ok(op.summary && op.security, `${route} has a summary and security`);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    assert.deepEqual(errorPaths(await get('/v1/payments?order_id=42')), ['querystring/order_id']);
    assert.deepEqual(errorPaths(await get('/v1/payments?limit=0')), ['querystring/limit']);
    assert.deepEqual(errorPaths(await get('/v1/payments?limit=101')), ['querystring/limit']);
    assert.deepEqual(errorPaths(await get('/v1/payments?cursor=garbage')), ['querystring/cursor']);
    assert.deepEqual(errorPaths(await get('/v1/payments/not-a-uuid')), ['params/id']);
  });
});
