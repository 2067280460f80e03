// System test of the order saga: the real CLI starts every process; a customer and an admin drive the
// shop through the gateway over HTTP; each service answers from its own database, moved by messages.
// Runs on the embedded runtime and, when the machine has them (always in CI), on PostgreSQL + NATS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRuntime, infraModesUnderTest, type Runtime } from '@emporium/testing';
import { shopClient } from './support/shop-client.js';
import {
  eventually,
  newCustomer,
  placeOrder,
  providerCharges,
  type Shop,
  settled,
  sinkMessages,
  stockOf,
} from './support/shop-flows.js';

for (const mode of await infraModesUnderTest()) {
  const { infra, skip } = mode;

  describe(`system: the order saga (${infra} mode)`, { skip }, () => {
    let runtime: Runtime;
    let shop: Shop;
    let admin: string;
    let products: Array<{ id: string; price: { amount: number } }>;

    before(async () => {
      // The slow test card takes longer than the payment step may: the saga must time out. Admission control
      // is off: the crash test keeps placing orders while inventory restarts, which on a loaded machine takes
      // longer than the admission limit, and its subject is what happens to orders accepted around a crash
      // (refusing new ones meanwhile is services/orders/test/admission.test.ts's).
      runtime = await createRuntime(
        await mode.start({
          PROVIDER_SLOW_MS: '4000',
          ORDER_PAYMENT_TIMEOUT_MS: '1500',
          ORDER_ADMISSION_MAX_LAG_MS: '0',
        }),
      );
      await runtime.start();
      shop = shopClient(runtime.gateway);
      admin = (await shop.signIn(runtime.env.EMPORIUM_ADMIN_EMAIL ?? '', runtime.env.EMPORIUM_ADMIN_PASSWORD ?? ''))
        .access_token;
      const listed = await shop.get('/api/products/v1/products?limit=60');
      assert.equal(listed.status, 200);
      // Products with plenty of stock, so tests never compete for the last units.
      products = [];
      for (const p of listed.body.items) if ((await stockOf(shop, p.id)).available >= 40) products.push(p);
      assert.ok(products.length >= 10, 'the seed has well-stocked products');
    });
    after(async () => {
      await runtime?.cleanUp();
      await mode.stop();
    });

    const product = (i: number) => products[i % products.length] as { id: string; price: { amount: number } };

    it('happy path: order → confirmed → stock leaves → payment captured → email → sales report', async () => {
      const customer = await newCustomer(shop, 'happy');
      const [a, b] = [product(0), product(1)];
      const before = [await stockOf(shop, a.id), await stockOf(shop, b.id)];
      const placed = await placeOrder(shop, customer.token, [
        { product_id: a.id, quantity: 2 },
        { product_id: b.id, quantity: 1 },
      ]);
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      assert.equal(placed.body.status, 'pending');
      assert.equal(placed.body.total.amount, 2 * a.price.amount + b.price.amount);
      // The live status stream through the gateway: Server-Sent Events, the current state first.
      const live = await fetch(`${runtime.gateway}/api/orders/v1/orders/${placed.body.id}/events`, {
        headers: { authorization: `Bearer ${customer.token}` },
      });
      assert.equal(live.status, 200);
      assert.match(String(live.headers.get('content-type')), /^text\/event-stream/);
      const reader = (live.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
      let first = '';
      while (!first.includes('\n\n')) first += (await reader.read()).value ?? '';
      await reader.cancel();
      assert.match(first, /^id: 1\nevent: status\ndata: \{.*"status":"(pending|confirmed)"/);
      const order = await settled(shop, customer.token, placed.body.id);
      assert.equal(order.status, 'confirmed', JSON.stringify(order));
      await eventually('the stock to leave', async () => {
        const [sa, sb] = [await stockOf(shop, a.id), await stockOf(shop, b.id)];
        return sa.on_hand === (before[0]?.on_hand ?? 0) - 2 && sb.on_hand === (before[1]?.on_hand ?? 0) - 1
          ? true
          : undefined;
      });
      const payments = await shop.get(`/api/payments/v1/payments?order_id=${order.id}`, customer.token);
      assert.equal(payments.status, 200);
      assert.equal(payments.body.items[0]?.status, 'captured');
      assert.equal(payments.body.items[0]?.amount.amount, order.total.amount);
      const mail = await eventually('the confirmation email', async () => {
        const items = await sinkMessages(runtime, customer.email);
        return items.some((m) => /confirm/i.test(m.subject ?? '')) ? items : undefined;
      });
      assert.ok(
        mail.some((m) => /welcome/i.test(m.subject ?? '')),
        'the welcome email came too',
      );
      await eventually('the sales report to count it', async () => {
        const from = new Date(Date.now() - 3_600_000).toISOString();
        const res = await shop.get(`/api/analytics/v1/reports/sales?granularity=hour&from=${from}`, admin);
        const revenue = (res.body as Array<{ revenue: { amount: number } }>).reduce((s, b) => s + b.revenue.amount, 0);
        return revenue >= order.total.amount ? true : undefined;
      });
    });

    it('declined card: rejected payment_declined, reservation released, nothing charged, rejection email', async () => {
      const customer = await newCustomer(shop, 'declined');
      const p = product(2);
      const before = await stockOf(shop, p.id);
      const placed = await placeOrder(
        shop,
        customer.token,
        [{ product_id: p.id, quantity: 1 }],
        'pm_card_chargeDeclined',
      );
      const order = await settled(shop, customer.token, placed.body.id);
      assert.equal(order.status, 'rejected');
      assert.equal(order.reason, 'payment_declined');
      await eventually('the reservation to be released', async () =>
        (await stockOf(shop, p.id)).available === before.available ? true : undefined,
      );
      assert.equal((await providerCharges(runtime, order.id)).length, 0, 'a declined card is not charged');
      await eventually('the rejection email', async () =>
        (await sinkMessages(runtime, customer.email)).some((m) =>
          /declined|rejected|could not/i.test(`${m.subject} ${m.text}`),
        )
          ? true
          : undefined,
      );
    });

    it('out of stock: rejected out_of_stock, and no payment is attempted', async () => {
      const customer = await newCustomer(shop, 'oos');
      const p = product(3);
      const placed = await placeOrder(shop, customer.token, [{ product_id: p.id, quantity: 10_000 }]);
      const order = await settled(shop, customer.token, placed.body.id);
      assert.equal(order.status, 'rejected');
      assert.equal(order.reason, 'out_of_stock');
      const payments = await shop.get(`/api/payments/v1/payments?order_id=${order.id}`, customer.token);
      assert.deepEqual(payments.body.items, []);
    });

    it('a provider slower than the payment deadline: rejected timeout, stock released, the late capture refunded', async () => {
      const customer = await newCustomer(shop, 'slow');
      const p = product(4);
      const before = await stockOf(shop, p.id);
      const placed = await placeOrder(shop, customer.token, [{ product_id: p.id, quantity: 1 }], 'pm_card_slow');
      const order = await settled(shop, customer.token, placed.body.id);
      assert.equal(order.status, 'rejected');
      assert.equal(order.reason, 'timeout');
      await eventually('the reservation to be released', async () =>
        (await stockOf(shop, p.id)).available === before.available ? true : undefined,
      );
      await eventually(
        'the late capture to be refunded',
        async () => {
          const res = await shop.get(`/api/payments/v1/payments?order_id=${order.id}`, customer.token);
          return res.body.items[0]?.status === 'refunded' ? true : undefined;
        },
        20_000,
      );
      assert.equal((await providerCharges(runtime, order.id)).length, 1, 'charged once, then refunded');
    });

    it('cancel a confirmed order: refunded and restocked; a shipped order cannot be cancelled', async () => {
      const customer = await newCustomer(shop, 'cancel');
      const p = product(5);
      const before = await stockOf(shop, p.id);
      const first = await placeOrder(shop, customer.token, [{ product_id: p.id, quantity: 3 }]);
      assert.equal((await settled(shop, customer.token, first.body.id)).status, 'confirmed');
      const cancelled = await shop.post(`/api/orders/v1/orders/${first.body.id}/cancel`, {}, customer.token);
      assert.equal(cancelled.status, 202, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.status, 'cancelled');
      await eventually('the refund', async () => {
        const res = await shop.get(`/api/payments/v1/payments?order_id=${first.body.id}`, customer.token);
        return res.body.items[0]?.status === 'refunded' ? true : undefined;
      });
      await eventually('the restock', async () =>
        (await stockOf(shop, p.id)).on_hand === before.on_hand ? true : undefined,
      );

      const second = await placeOrder(shop, customer.token, [{ product_id: p.id, quantity: 1 }]);
      assert.equal((await settled(shop, customer.token, second.body.id)).status, 'confirmed');
      const shipped = await shop.post(`/api/orders/v1/orders/${second.body.id}/ship`, {}, admin);
      assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
      assert.equal(shipped.body.status, 'shipped');
      const refused = await shop.post(`/api/orders/v1/orders/${second.body.id}/cancel`, {}, customer.token);
      assert.equal(refused.status, 409);
      assert.match(String(refused.headers.get('content-type')), /application\/problem\+json/);
    });

    it('cancel a confirmed order an admin already refunded in full: the compensation ends, nothing refunded twice', async () => {
      const customer = await newCustomer(shop, 'refunded-then-cancelled');
      const p = product(7);
      const before = await stockOf(shop, p.id);
      const placed = await placeOrder(shop, customer.token, [{ product_id: p.id, quantity: 1 }]);
      const order = await settled(shop, customer.token, placed.body.id);
      assert.equal(order.status, 'confirmed');
      const paymentOf = async () =>
        (await shop.get(`/api/payments/v1/payments?order_id=${order.id}`, customer.token)).body.items[0];
      const refund = await shop.post(`/api/payments/v1/payments/${(await paymentOf()).id}/refunds`, {}, admin);
      assert.equal(refund.status, 202, JSON.stringify(refund.body));
      await eventually('the admin refund', async () => ((await paymentOf())?.status === 'refunded' ? true : undefined));

      const cancelled = await shop.post(`/api/orders/v1/orders/${order.id}/cancel`, {}, customer.token);
      assert.equal(cancelled.status, 202, JSON.stringify(cancelled.body));
      const saga = await eventually('the compensation to end', async () => {
        const res = await shop.get(`/api/orders/v1/orders/${order.id}/saga`, admin);
        return res.body.status === 'compensated' ? res.body : undefined;
      });
      assert.deepEqual(saga.awaiting_compensation, []);
      assert.equal((await stockOf(shop, p.id)).on_hand, before.on_hand, 'restocked');
      const payment = await paymentOf();
      assert.deepEqual(
        [payment.refunds.length, payment.refunded_amount.amount],
        [1, order.total.amount],
        'refunded once, by the admin',
      );
    });

    it('the same POST replayed with its Idempotency-Key places one order', async () => {
      const customer = await newCustomer(shop, 'replay');
      const key = `checkout-${crypto.randomUUID()}`;
      const items = [{ product_id: product(6).id, quantity: 1 }];
      const answers = await Promise.all(
        [1, 2, 3].map(() => placeOrder(shop, customer.token, items, 'pm_card_visa', key)),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        [202, 202, 202],
      );
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
      const mine = await shop.get('/api/orders/v1/orders', customer.token);
      assert.equal(mine.body.items.length, 1);
    });

    it('crash-resume: kill -9 orders, inventory and payments mid-batch; every order ends, no oversell, no double charge, money conserved', async () => {
      const customer = await newCustomer(shop, 'crash');
      const placed: string[] = [];
      const place = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const res = await placeOrder(shop, customer.token, [{ product_id: product(i).id, quantity: 1 }]);
          if (res.status === 202) placed.push(res.body.id);
        }
      };
      for (const victim of ['orders', 'inventory', 'payments']) {
        const batch = place(8);
        await new Promise((r) => setTimeout(r, 150));
        const before = await runtime.process(victim);
        if (before.pid) process.kill(before.pid, 'SIGKILL');
        await batch.catch(() => {});
        await eventually(
          `${victim} to be restarted`,
          async () => {
            const now = await runtime.process(victim);
            if (now.pid === before.pid) return undefined;
            const ready = await fetch(`${now.url}/readyz`).then(
              (r) => r.ok,
              () => false,
            );
            return ready ? true : undefined;
          },
          60_000,
        );
      }
      assert.ok(placed.length >= 12, `orders were placed around the crashes (${placed.length})`);
      const outcomes = await Promise.all(placed.map((id) => settled(shop, customer.token, id, undefined, 90_000)));
      for (const o of outcomes)
        assert.ok(['confirmed', 'rejected'].includes(o.status), `${o.id} ended ${o.status} (${o.reason})`);
      for (const id of placed)
        assert.ok((await providerCharges(runtime, id)).length <= 1, `order ${id} charged at most once`);
      for (const p of products) {
        const stock = await stockOf(shop, p.id);
        assert.ok(stock.available >= 0 && stock.on_hand >= 0, 'no oversell');
      }
      // Money: what was captured and not refunded is exactly what confirmed and shipped orders are worth.
      await eventually(
        'payments to settle and agree with orders',
        async () => {
          const all = await shop.get('/api/orders/v1/orders?limit=100', admin);
          const kept = (all.body.items as Array<{ status: string; total: { amount: number } }>)
            .filter((o) => o.status === 'confirmed' || o.status === 'shipped')
            .reduce((sum, o) => sum + o.total.amount, 0);
          const ledger = await shop.get('/api/payments/v1/ledger/balances', admin);
          assert.equal(ledger.status, 200, JSON.stringify(ledger.body));
          assert.equal(ledger.body.balanced, true);
          const net = ledger.body.captured_total.amount - ledger.body.refunded_total.amount;
          return net === kept && all.body.next_cursor === null ? true : undefined;
        },
        60_000,
      );
    });
  });
}
