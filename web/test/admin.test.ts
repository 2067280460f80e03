// The admin at /admin/ in a browser, against a whole shop: admin-only sign-in, product create/edit/
// discontinue with the catalog's field errors beside the fields, stock set and adjusted, and orders
// filtered, shipped and refunded with the saga's timeline. Screenshots go to web/test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import createClient from 'openapi-fetch';
import type { Page } from 'playwright-core';
import type { paths as PaymentsPaths } from '../src/api/generated/payments.js';
import type { paths as ProductsPaths } from '../src/api/generated/products.js';
import { type ApiCustomer, signUpCustomer } from './support/api-customer.js';
import { type ShopAndBrowser, startShopAndBrowser } from './support/shop-browser.js';

describe('the admin in a browser', { timeout: 240_000 }, () => {
  let shop: ShopAndBrowser;
  let page: Page;
  let customer: ApiCustomer;
  let confirmed: { id: string };
  let toRefund: { id: string };

  before(async () => {
    shop = await startShopAndBrowser();
    page = shop.page;
    customer = await signUpCustomer(shop.gatewayUrl);
    confirmed = await customer.placeOrder('pm_card_visa');
    toRefund = await customer.placeOrder('pm_card_mastercard');
  });
  after(() => shop?.close());

  const products = () => createClient<ProductsPaths>({ baseUrl: `${shop.gatewayUrl}/api/products` });

  it('lets only admins in', async () => {
    const other = await shop.newPage();
    await other.goto('/admin/');
    await other.getByLabel('Email').fill(customer.email);
    await other.getByLabel('Password').fill(customer.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('heading', { name: 'Admins only' }).waitFor();
    await other.close();

    await page.goto('/admin/');
    await page.getByLabel('Email').fill(shop.admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not sign you in' }).waitFor();
    await page.getByLabel('Password').fill(shop.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    await shop.screenshot(page, 'admin-products');
  });

  it('creates a product, showing the catalog’s refusal beside the field, then discontinues it', async () => {
    await page.getByRole('button', { name: 'New product' }).click();
    await page.getByLabel('Name').fill('Copper Saucepan');
    await page.getByLabel('SKU').fill('not a sku');
    await page.getByLabel('Category').selectOption('kitchen');
    await page.getByLabel(/^Price/).fill('89.50');
    await page.getByLabel('Description').fill('A heavy copper saucepan with a tin lining.');
    await page.getByRole('button', { name: 'Create product' }).click();
    const sku = page.getByLabel('SKU');
    await page.locator('[aria-invalid=true]').first().waitFor();
    assert.equal(await sku.getAttribute('aria-invalid'), 'true');
    await shop.screenshot(page, 'admin-product-invalid');

    await sku.fill('KIT-900');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';
    const { data: created } = await products().GET('/v1/products/{id}', { params: { path: { id } } });
    assert.equal(created?.name, 'Copper Saucepan');
    assert.deepEqual(created?.price, { amount: 8950, currency: 'USD' });

    await page.getByRole('button', { name: 'Discontinue' }).click();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    const { data: gone } = await products().GET('/v1/products/{id}', { params: { path: { id } } });
    assert.equal(gone?.active, false);
  });

  it('edits a product and sets and adjusts its stock', async () => {
    await page.goto('/admin/products');
    await page.getByRole('searchbox', { name: 'Search products' }).fill('chef knife');
    await page.getByRole('link', { name: /Knife/ }).first().click();
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) ?? '';
    await page.getByLabel(/^Price/).fill('64.00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const { data: edited } = await products().GET('/v1/products/{id}', { params: { path: { id } } });
    assert.equal(edited?.price.amount, 6400);

    await page.getByLabel('Counted on hand').fill('42');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await page.getByTestId('on-hand').filter({ hasText: /^42$/ }).waitFor();

    await page.getByLabel('Change (+/−)').fill('-2');
    await page.getByRole('button', { name: 'Adjust' }).click();
    // The inventory service wants a reason: its message appears beside the reason field.
    await page.getByLabel('Reason').and(page.locator('[aria-invalid=true]')).waitFor();
    await page.getByLabel('Reason').fill('two damaged in the warehouse');
    await page.getByRole('button', { name: 'Adjust' }).click();
    await page.getByTestId('on-hand').filter({ hasText: /^40$/ }).waitFor();
    await shop.screenshot(page, 'admin-product-stock');
  });

  it('filters orders, shows the saga timeline and ships a confirmed order', async () => {
    await page.goto('/admin/orders');
    await page.getByLabel('Status').selectOption('confirmed');
    await page.getByTestId('admin-order').first().waitFor();
    const statuses = await page.locator('[data-testid=admin-order] .badge').allTextContents();
    assert.ok(statuses.length >= 2);
    assert.deepEqual(new Set(statuses), new Set(['confirmed']));

    await page.goto(`/admin/orders/${confirmed.id}`);
    const timeline = page.getByTestId('saga-timeline').locator('li');
    await timeline.first().waitFor();
    assert.ok((await timeline.count()) >= 3, 'the saga lists its steps');
    await page.getByRole('button', { name: 'Mark shipped' }).click();
    await page.locator('h1 .badge').filter({ hasText: 'shipped' }).waitFor();
    await shop.screenshot(page, 'admin-order-shipped');
    // Shipped orders can no longer be cancelled: the button is gone.
    assert.equal(await page.getByRole('button', { name: 'Cancel order' }).count(), 0);
  });

  it('refunds a captured payment once', async () => {
    await page.goto(`/admin/orders/${toRefund.id}`);
    await page.getByRole('button', { name: 'Refund' }).click();
    await page
      .getByRole('region', { name: 'Payments' })
      .getByText(/^Refund \$/)
      .waitFor({ timeout: 20_000 });
    const payments = createClient<PaymentsPaths>({ baseUrl: `${shop.gatewayUrl}/api/payments` });
    const { data } = await payments.GET('/v1/payments', {
      params: { query: { order_id: toRefund.id, limit: 10 } },
      headers: customer.authorization,
    });
    assert.equal(data?.items.length, 1);
    assert.equal(data?.items[0]?.refunds.length, 1);
    await shop.screenshot(page, 'admin-order-refunded');
  });
});
