// Browser test of the ops console: a whole shop (real processes, the gateway serving web/dist) and headless
// Chromium. Orders are placed through the API; an admin then finds each order's trace in the console, sees
// the spans of every service the order crossed, and reads its saga as a step diagram. Screenshots of each
// page go to web/test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import createClient from 'openapi-fetch';
import type { Page } from 'playwright-core';
import type { paths as InventoryPaths } from '../src/api/generated/inventory.js';
import type { paths as OrdersPaths } from '../src/api/generated/orders.js';
import type { paths as ProductsPaths } from '../src/api/generated/products.js';
import type { paths as UsersPaths } from '../src/api/generated/users.js';
import { type ShopAndBrowser, startShopAndBrowser } from './support/shop-browser.js';

/** Every service a confirmed order passes through, and so every service its trace must show. */
const ORDER_SERVICES = ['gateway', 'orders', 'catalog', 'inventory', 'payments', 'notifications', 'analytics'];
/** Spans reach the collector in batches and the console refreshes every few seconds. */
const SETTLE_MS = 90_000;
const CUSTOMER = {
  email: `console-${process.pid}@example.test`,
  password: 'a long enough password',
  name: 'Console Test',
};

describe('console (browser): traces, waterfall and saga of real orders', { timeout: 600_000 }, () => {
  let shop: ShopAndBrowser;
  let page: Page;
  let customerToken: string;
  let productId: string;

  before(async () => {
    // Info-level logs, so a trace has log lines to show beside it.
    shop = await startShopAndBrowser({ env: { EMPORIUM_LOG_LEVEL: 'info' } });
    page = shop.page;
    page.setDefaultTimeout(SETTLE_MS);
    customerToken = await newCustomer(shop.gatewayUrl);
    productId = await wellStockedProduct(shop.gatewayUrl);
  });
  after(async () => {
    await shop?.close();
  });

  it('asks for an admin sign-in, then draws the live topology', async () => {
    await page.goto('/console/');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await shop.screenshot(page, 'console-sign-in');
    await signIn(page, shop.admin.email, shop.admin.password);
    const topology = page.getByTestId('topology');
    await topology.waitFor();
    for (const name of ['gateway', 'orders', 'catalog']) await topology.locator(`[data-node="${name}"]`).waitFor();
    // The catalog declares orders → catalog; the graph draws it whether or not it has been seen yet.
    await topology.locator('[data-edge="orders->catalog"]').waitFor();
    await page.mouse.move(0, 0); // no box hovered: every edge at full strength
    await shop.screenshot(page, 'console-topology');
  });

  it("finds a confirmed order's trace by its id and shows spans of every service it crossed", async () => {
    const orderId = await placeOrder(shop.gatewayUrl, customerToken, productId, 'pm_card_visa');
    assert.equal(await settledStatus(shop.gatewayUrl, customerToken, orderId), 'confirmed');

    await page.getByRole('link', { name: 'Traces' }).click();
    const search = page.getByRole('form', { name: 'Find traces' });
    await search.getByLabel('Order id').fill(orderId);
    await search.getByRole('button', { name: 'Find traces' }).click();
    assert.equal(new URL(page.url()).searchParams.get('order_id'), orderId);
    // The list refreshes itself: wait for the trace that reached all seven services.
    const traceId = await page.waitForFunction(
      (wanted) => {
        for (const row of Array.from(
          document.querySelectorAll<HTMLElement>('[data-testid="trace-list"] [data-trace-id]'),
        )) {
          const services = (row.dataset.services ?? '').split(' ');
          if (wanted.every((s) => services.includes(s))) return row.dataset.traceId;
        }
        return undefined;
      },
      ORDER_SERVICES,
      { timeout: SETTLE_MS, polling: 500 },
    );
    await shop.screenshot(page, 'console-trace-search');
    // Listed by the real request the gateway answered, not its route pattern.
    assert.match(
      (await page.locator(`[data-trace-id="${await traceId.jsonValue()}"] .trace-name`).textContent()) ?? '',
      /^gateway POST \/api\/orders\/v1\/orders$/,
    );
    await page.locator(`[data-trace-id="${await traceId.jsonValue()}"] a`).click();

    const waterfall = page.getByTestId('waterfall');
    await waterfall.waitFor();
    await page.waitForFunction(
      (wanted) => {
        const rows = document.querySelectorAll<HTMLElement>('[data-testid="waterfall"] [data-span-service]');
        const seen = new Set(Array.from(rows, (r) => r.dataset.spanService));
        return wanted.every((s) => seen.has(s));
      },
      ORDER_SERVICES,
      { timeout: SETTLE_MS, polling: 500 },
    );
    const services = await waterfall
      .locator('[data-span-service]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.spanService));
    for (const service of ORDER_SERVICES) assert.ok(services.includes(service), `a span of ${service} in ${services}`);
    // Hiding the database calls leaves a shorter waterfall that still crosses every service.
    const allRows = await waterfall.locator('[data-span-service]').count();
    await waterfall.getByLabel(/hide \d+ database spans/).check();
    const withoutDatabase = await waterfall
      .locator('[data-span-service]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.spanService));
    assert.ok(withoutDatabase.length < allRows, `${withoutDatabase.length} rows of ${allRows}`);
    for (const service of ORDER_SERVICES)
      assert.ok(withoutDatabase.includes(service), `${service} without database spans`);
    await waterfall.getByLabel(/hide \d+ database spans/).uncheck();
    // Folding the root span leaves only the top-level rows; unfolding brings every span back.
    await waterfall
      .getByRole('button', { name: /^Fold the \d+ spans under gateway/ })
      .first()
      .click();
    const folded = await waterfall.locator('[data-span-service]').count();
    assert.ok(folded < allRows / 2, `${folded} rows left of ${allRows} after folding the root`);
    await waterfall
      .getByRole('button', { name: /^Show the \d+ spans under gateway/ })
      .first()
      .click();
    // (late spans may still arrive while the page refreshes, never fewer)
    assert.ok((await waterfall.locator('[data-span-service]').count()) >= allRows);
    // The log lines written under this trace sit below it.
    await page.getByTestId('logs').locator('.log-line').first().waitFor();
    await shop.screenshot(page, 'console-trace');

    // A span opens on click with its attributes.
    await waterfall.locator('[data-span-service="orders"]').first().click();
    await page.getByTestId('span-details').waitFor();
    await shop.screenshot(page, 'console-span');

    // The trace knows its order: its saga is one click away.
    await page.getByTestId('order-link').first().click();
    await page.waitForURL(`**/console/orders/${orderId}`);
    const saga = page.getByTestId('saga-diagram');
    await page.locator('[data-testid="saga-diagram"][data-outcome="succeeded"]').waitFor();
    for (const step of ['reserve_inventory', 'process_payment', 'commit_reservation']) {
      assert.equal(await saga.locator(`[data-step="${step}"]`).getAttribute('data-state'), 'completed', step);
    }
    assert.equal(await saga.locator('[data-undo]').count(), 0, 'a confirmed order undoes nothing');
    await shop.screenshot(page, 'console-saga');
  });

  it("draws a declined payment's saga with the reservation compensated, at its own URL", async () => {
    const orderId = await placeOrder(shop.gatewayUrl, customerToken, productId, 'pm_card_chargeDeclined');
    assert.equal(await settledStatus(shop.gatewayUrl, customerToken, orderId), 'rejected');
    // A fresh load of a deep link: the gateway answers it with the console, which routes to the saga.
    await page.goto(`/console/orders/${orderId}`);
    const saga = page.getByTestId('saga-diagram');
    await page.locator('[data-testid="saga-diagram"][data-outcome="compensated"]').waitFor();
    assert.equal(await saga.locator('[data-step="reserve_inventory"]').getAttribute('data-state'), 'completed');
    assert.equal(await saga.locator('[data-step="process_payment"]').getAttribute('data-state'), 'failed');
    assert.equal(await saga.locator('[data-undo="reserve_inventory"]').getAttribute('data-state'), 'compensated');
    assert.equal(await saga.locator('[data-step="commit_reservation"]').count(), 0, 'the saga stopped at the payment');
    assert.match((await saga.textContent()) ?? '', /payment_declined/);
    await shop.screenshot(page, 'console-saga-declined');

    // The admin's order page draws the same diagram (it shares the sign-in).
    await page.goto(`/admin/orders/${orderId}`);
    const adminSaga = page.locator('[data-testid="saga-diagram"][data-outcome="compensated"]');
    await adminSaga.waitFor();
    assert.equal(await adminSaga.locator('[data-undo="reserve_inventory"]').getAttribute('data-state'), 'compensated');
    await shop.screenshot(page, 'admin-order-saga');
  });

  it('counts consumer-only services busy with their messages, and scrapes the embedded broker', async () => {
    await page.goto('/console/');
    // Inventory serves hardly any requests, but it consumed the orders' messages: not idle.
    await page.locator('[data-testid="topology"] [data-node="inventory"]:not([data-health="idle"])').waitFor();
    const tile = page.locator('.service-tile[data-service="inventory"]');
    await tile.locator('[data-figures="messages"]').waitFor();
    assert.notEqual(await tile.getAttribute('data-health'), 'idle');
    if ((await shop.runtime.busUrl()).startsWith('http')) {
      await page.locator('.service-tile[data-service="broker"]').filter({ hasText: '1 up' }).waitFor();
    }
    await shop.screenshot(page, 'console-topology-busy');
  });

  it("shows a service's RED charts and logs, the SLOs, and the logs page", async () => {
    await page.goto('/console/services/orders');
    const charts = page.getByTestId('red-charts');
    await charts.locator('figure.chart').first().waitFor();
    assert.equal(await charts.locator('figure.chart').count(), 4, 'rate, errors, p50 and p99');
    await page.getByTestId('logs').waitFor();
    await shop.screenshot(page, 'console-service-orders');

    await page.getByRole('link', { name: 'SLOs' }).click();
    const slos = page.getByTestId('slos');
    await slos.locator('[data-slo="orders"]').waitFor();
    assert.ok((await slos.locator('[data-slo]').count()) >= 7, 'an SLO card per service of the catalog');
    await shop.screenshot(page, 'console-slos');

    await page.getByRole('link', { name: 'Logs' }).click();
    await page.getByTestId('logs').locator('.live').filter({ hasText: 'live' }).waitFor();
    await shop.screenshot(page, 'console-logs');
  });

  it('lists a refused message as a dead letter and replays it after a confirmation', async () => {
    // A message no consumer can accept: OrderCreated without most of its fields, straight onto the broker.
    const id = crypto.randomUUID();
    const envelope = {
      specversion: '1.0',
      id,
      type: 'emporium.orders.OrderCreated.v1',
      source: '/console-test',
      subject: id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { order_id: id },
    };
    const published = await fetch(`${await shop.runtime.busUrl()}/v1/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: envelope.type,
        id,
        data: Buffer.from(JSON.stringify(envelope)).toString('base64'),
      }),
    });
    assert.equal(published.status, 200, await published.text());

    await page.getByRole('link', { name: 'Dead letters' }).click();
    const card = page.locator(`[data-dead-letter="${id}"][data-consumer="analytics-from-orders"]`);
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /does not match emporium\.orders\.OrderCreated\.v1/);
    await card.getByRole('button', { name: 'Replay' }).click();
    await shop.screenshot(page, 'console-dead-letter-confirm');
    await card.getByRole('button', { name: 'Confirm replay' }).click();
    await card.getByRole('status').filter({ hasText: 'Replayed' }).waitFor();
    // The replayed copy is refused again, so it comes back as a dead letter of its own.
    await page.waitForFunction(
      (orderId) =>
        Array.from(document.querySelectorAll('[data-consumer="analytics-from-orders"]')).filter((card) =>
          card.textContent?.includes(orderId),
        ).length >= 2,
      id,
      { polling: 500 },
    );
    await shop.screenshot(page, 'console-dead-letters');
  });

  it('says why when a trace or an order does not exist, instead of drawing nothing', async () => {
    await page.goto(`/console/traces/${'0'.repeat(32)}`);
    await page.getByTestId('trace-panel').getByRole('alert').waitFor();
    assert.match((await page.getByTestId('trace-panel').getByRole('alert').textContent()) ?? '', /not found/i);
    await page.goto(`/console/orders/${crypto.randomUUID()}`);
    await page.getByTestId('saga-panel').getByRole('alert').waitFor();
    assert.equal(await page.getByTestId('saga-diagram').count(), 0);
  });

  it('refuses a signed-in customer', async () => {
    const visitor = await shop.newPage();
    await visitor.goto('/console/');
    await signIn(visitor, CUSTOMER.email, CUSTOMER.password);
    await visitor.getByRole('heading', { name: 'Admins only' }).waitFor();
    assert.equal(await visitor.getByTestId('topology').count(), 0);
    await visitor.close();
  });
});

async function signIn(page: Page, email: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

async function newCustomer(gateway: string): Promise<string> {
  const users = createClient<UsersPaths>({ baseUrl: `${gateway}/api/users` });
  const created = await users.POST('/v1/users', { body: CUSTOMER });
  assert.equal(created.response.status, 201);
  const session = await users.POST('/v1/sessions', { body: { email: CUSTOMER.email, password: CUSTOMER.password } });
  assert.ok(session.data, `sign-in answered ${session.response.status}`);
  return session.data.access_token;
}

async function wellStockedProduct(gateway: string): Promise<string> {
  const products = createClient<ProductsPaths>({ baseUrl: `${gateway}/api/products` });
  const listed = await products.GET('/v1/products', { params: { query: { limit: 50 } } });
  assert.ok(listed.data, `products answered ${listed.response.status}`);
  const inventory = createClient<InventoryPaths>({ baseUrl: `${gateway}/api/inventory` });
  for (const product of listed.data.items) {
    const stock = await inventory.GET('/v1/stock/{product_id}', { params: { path: { product_id: product.id } } });
    if (stock.data && stock.data.available >= 10) return product.id;
  }
  throw new Error('no product of the seed has 10 units in stock');
}

async function placeOrder(gateway: string, token: string, productId: string, paymentMethod: string): Promise<string> {
  const orders = createClient<OrdersPaths>({ baseUrl: `${gateway}/api/orders` });
  const placed = await orders.POST('/v1/orders', {
    params: { header: { 'idempotency-key': crypto.randomUUID() } },
    headers: { authorization: `Bearer ${token}` },
    body: {
      items: [{ product_id: productId, quantity: 1 }],
      payment_method: paymentMethod,
      shipping_address: { line1: '1 Market St', city: 'Springfield', postal_code: '12345', country: 'US' },
    },
  });
  assert.ok(placed.data, `placing the order answered ${placed.response.status}`);
  return placed.data.id;
}

async function settledStatus(gateway: string, token: string, orderId: string): Promise<string> {
  const orders = createClient<OrdersPaths>({ baseUrl: `${gateway}/api/orders` });
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    const { data } = await orders.GET('/v1/orders/{id}', {
      params: { path: { id: orderId } },
      headers: { authorization: `Bearer ${token}` },
    });
    if (data && data.status !== 'pending') return data.status;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`order ${orderId} still pending after ${SETTLE_MS} ms`);
}
