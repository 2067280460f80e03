// The storefront in a real browser against a whole shop (real processes, the gateway serving
// web/dist): browse, search, product page, a cart that survives a reload, sign-up, checkout with a
// live status, a declined card in plain words, one order per checkout attempt, and the API's
// field errors next to their fields. Screenshots go to web/test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import createClient from 'openapi-fetch';
import type { Page } from 'playwright-core';
import type { paths as InventoryPaths } from '../src/api/generated/inventory.js';
import type { paths as OrdersPaths } from '../src/api/generated/orders.js';
import type { paths as UsersPaths } from '../src/api/generated/users.js';
import { type ShopAndBrowser, startShopAndBrowser } from './support/shop-browser.js';

const PASSWORD = 'a long enough password';
const ADDRESS = { street: '1 Market St', city: 'Springfield', postal: '12345', country: 'US' };

describe('the storefront in a browser', { timeout: 240_000 }, () => {
  let shop: ShopAndBrowser;
  let page: Page;
  const email = `shopper-${Date.now()}@example.com`;

  before(async () => {
    shop = await startShopAndBrowser();
    page = shop.page;
  });
  after(() => shop?.close());

  /** The signed-up customer's orders, read through the public API. */
  async function ordersOfCustomer() {
    const users = createClient<UsersPaths>({ baseUrl: `${shop.gatewayUrl}/api/users` });
    const orders = createClient<OrdersPaths>({ baseUrl: `${shop.gatewayUrl}/api/orders` });
    const { data: tokens } = await users.POST('/v1/sessions', { body: { email, password: PASSWORD } });
    assert.ok(tokens, 'the customer can sign in through the API');
    const { data } = await orders.GET('/v1/orders', {
      params: { query: { limit: 100 } },
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.ok(data);
    return data.items;
  }

  /** Sets a product's stock as the shop's admin, through the public API. */
  async function setStock(productId: string, onHand: number) {
    const users = createClient<UsersPaths>({ baseUrl: `${shop.gatewayUrl}/api/users` });
    const inventory = createClient<InventoryPaths>({ baseUrl: `${shop.gatewayUrl}/api/inventory` });
    const { data: tokens } = await users.POST('/v1/sessions', { body: shop.admin });
    assert.ok(tokens, 'the admin can sign in');
    const { response } = await inventory.PUT('/v1/stock/{product_id}', {
      params: { path: { product_id: productId } },
      headers: { authorization: `Bearer ${tokens.access_token}` },
      body: { on_hand: onHand },
    });
    assert.equal(response.status, 200);
  }

  async function addToCart(query: string) {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search products' }).fill(query);
    await page.getByRole('list', { name: 'Suggestions' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: 'In your cart' }).waitFor();
  }

  async function fillAddress(country = ADDRESS.country) {
    await page.getByLabel('Street and number').fill(ADDRESS.street);
    await page.getByLabel('City').fill(ADDRESS.city);
    await page.getByLabel('Postal code').fill(ADDRESS.postal);
    await page.getByLabel('Country').fill(country);
  }

  async function checkOut(paymentLabel: string) {
    await page.goto('/checkout');
    await fillAddress();
    await page.getByRole('radio', { name: paymentLabel }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  }

  it('browses the catalog by category, with artwork and alt text', async () => {
    await page.goto('/');
    const cards = page.getByTestId('product-card');
    await cards.first().waitFor();
    assert.ok((await cards.count()) >= 10, 'the home page lists products');
    const firstImage = cards.first().locator('img');
    assert.ok(await firstImage.getAttribute('alt'), 'product images have alt text');
    // decode() waits for the image and fails for a broken one.
    const width = await firstImage.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    assert.ok(width > 0, 'the artwork loads');
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Kitchen' }).click();
    await page.waitForURL(/\/c\/kitchen$/);
    await page.getByRole('heading', { name: 'Kitchen', level: 1 }).waitFor();
    await cards.first().waitFor();
    const categories = await page.locator('[data-testid=product-card] .category').allTextContents();
    assert.ok(categories.length > 0);
    assert.deepEqual(new Set(categories), new Set(['Kitchen']));
    await shop.screenshot(page, 'shop-category');
    const phone = await shop.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/');
    await phone.getByTestId('product-card').first().waitFor();
    await shop.screenshot(phone, 'shop-home-phone');
    await phone.close();
  });

  it('searches as you type, ranked, and opens a product with price and availability', async () => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search products' }).fill('chef knife');
    const suggestions = page.getByRole('list', { name: 'Suggestions' }).getByRole('link');
    await suggestions.first().waitFor();
    assert.match((await suggestions.first().textContent()) ?? '', /Knife/);
    await shop.screenshot(page, 'shop-search');
    // Enter opens the full, ranked results page.
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
    await page.waitForURL(/\/search\?q=chef%20knife$/);
    await page.getByRole('heading', { name: 'Results for “chef knife”' }).waitFor();
    assert.match((await page.locator('[data-testid=product-card] .name').first().textContent()) ?? '', /Knife/);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('');
    await page.getByRole('searchbox', { name: 'Search products' }).fill('chef knife');
    await suggestions.first().waitFor();
    await suggestions.first().click();
    await page.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: /Knife/ }).waitFor();
    assert.match((await page.getByTestId('price').textContent()) ?? '', /^\$\d+\.\d{2}$/);
    await page
      .getByTestId('availability')
      .getByText(/In stock|left/)
      .waitFor();
    await shop.screenshot(page, 'shop-product');
  });

  it('warns in the cart when stock is short, and blocks checkout until fixed', async () => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search products' }).fill('bath towel');
    await page.getByRole('list', { name: 'Suggestions' }).getByRole('link').first().click();
    await page.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    const productId = page.url().split('/').at(-1) ?? '';
    await setStock(productId, 1);
    await page.reload();
    await page.getByTestId('availability').getByText('Only 1 left').waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto('/cart');
    await page.getByRole('spinbutton', { name: /Quantity of/ }).fill('3');
    await page.getByRole('alert').filter({ hasText: 'Only 1 left in stock' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Check out' }).isDisabled(), true);
    await shop.screenshot(page, 'shop-cart-short-stock');
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Your cart is empty.').waitFor();
  });

  it('keeps the cart across a reload, priced from the catalog', async () => {
    await addToCart('chef knife');
    const price = (await page.getByTestId('price').textContent()) ?? '';
    await page.goto('/cart');
    await page.getByTestId('cart-line').first().waitFor();
    await page.reload();
    await page.getByTestId('cart-line').first().waitFor();
    assert.equal(await page.getByTestId('cart-line').count(), 1);
    assert.equal(await page.getByTestId('cart-total').textContent(), price);
    assert.match((await page.getByRole('link', { name: /^Cart, 1 items$/ }).textContent()) ?? '', /1/);
    await shop.screenshot(page, 'shop-cart');
  });

  it('signs up from checkout and shows the API’s field error next to a bad address', async () => {
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('Ada Shopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The users service refuses a weak password: its message sits under the password field.
    await page.getByText('Use at least 10 characters.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/checkout$/);

    await fillAddress('USA');
    await page.getByRole('button', { name: 'Place order' }).click();
    const country = page.getByLabel('Country');
    await page.getByText('Use the two-letter country code, like US or DE.').waitFor();
    assert.equal(await country.getAttribute('aria-invalid'), 'true');
    const describedBy = (await country.getAttribute('aria-describedby')) ?? '';
    const error = page.locator(`[id="${describedBy.split(' ').at(-1)}"]`);
    assert.match((await error.textContent()) ?? '', /two-letter country code/);
    await shop.screenshot(page, 'shop-checkout-bad-address');
    assert.equal((await ordersOfCustomer()).length, 0, 'a refused checkout places no order');
  });

  it('checks out with pm_card_visa and sees "confirmed" arrive live', async () => {
    const stream = page.waitForRequest((request) => /\/api\/orders\/v1\/orders\/[^/]+\/events$/.test(request.url()));
    await page.getByLabel('Country').fill('US');
    await page.getByRole('radio', { name: /Visa test card/ }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await stream;
    await page.locator('[data-testid=order-status][data-status=confirmed]').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Order confirmed' }).waitFor();
    await shop.screenshot(page, 'shop-order-confirmed');
    const orders = await ordersOfCustomer();
    assert.equal(orders.length, 1);
    assert.equal(orders[0]?.status, 'confirmed');
    assert.equal(
      await page.getByRole('link', { name: /^Cart, 0 items$/ }).count(),
      1,
      'the cart is empty after ordering',
    );
  });

  it('checks out with pm_card_chargeDeclined and says why in plain words', async () => {
    await addToCart('chef knife');
    await checkOut('Declined test card');
    await page.locator('[data-testid=order-status][data-status=rejected]').waitFor({ timeout: 30_000 });
    const status = (await page.getByTestId('order-status').textContent()) ?? '';
    assert.match(status, /Order not placed/);
    assert.match(status, /declined/i);
    assert.doesNotMatch(status, /_/, 'no raw reason codes');
    await shop.screenshot(page, 'shop-order-rejected');
    await page.getByRole('button', { name: 'Put these items back in your cart' }).click();
    await page.waitForURL(/\/cart$/);
    await page.getByTestId('cart-line').first().waitFor();
    assert.equal(await page.getByTestId('cart-line').count(), 1);
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Your cart is empty.').waitFor();
  });

  it('places one order for a double-click, and one for a retry after a network error', async () => {
    const before = (await ordersOfCustomer()).length;
    await addToCart('chef knife');
    await page.goto('/checkout');
    await fillAddress();
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    assert.equal((await ordersOfCustomer()).length, before + 1);

    // The order is placed but its answer is lost on the way back; the visitor clicks again.
    await addToCart('chef knife');
    await page.goto('/checkout');
    await fillAddress();
    let lost = false;
    await page.route('**/api/orders/v1/orders', async (route) => {
      if (lost || route.request().method() !== 'POST') return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText('The shop could not be reached').waitFor();
    await shop.screenshot(page, 'shop-checkout-network-error');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await page.unroute('**/api/orders/v1/orders');
    assert.equal((await ordersOfCustomer()).length, before + 2, 'the retry replayed the first attempt');
  });

  it('falls back to polling when the event stream cannot be opened', async () => {
    await page.route(/\/api\/orders\/v1\/orders\/[^/]+\/events$/, (route) => route.abort('connectionrefused'));
    let reads = 0;
    page.on('request', (r) => {
      if (/\/api\/orders\/v1\/orders\/[0-9a-f-]{36}$/.test(r.url()) && r.method() === 'GET') reads++;
    });
    await addToCart('chef knife');
    // The slow card answers after a few seconds, so the page sees `pending` before it polls `confirmed`.
    await checkOut('Slow test card');
    await page.getByText('Checking for updates every few seconds.').waitFor();
    await page.locator('[data-testid=order-status][data-status=confirmed]').waitFor({ timeout: 30_000 });
    assert.ok(reads >= 3, `the page polled the order (${reads} reads)`);
    await page.unrouteAll();
  });

  it('lists the orders, notifications and preferences on the account page', async () => {
    await page.goto('/account');
    await page.getByTestId('account-order').first().waitFor();
    assert.equal(await page.getByTestId('account-order').count(), (await ordersOfCustomer()).length);
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page
      .getByText(/Welcome|confirmed|Order/i)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Preferences' }).click();
    const sms = page.getByRole('checkbox', { name: /Text messages/ });
    const wasOn = await sms.isChecked();
    await sms.click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('checkbox', { name: /Text messages/ }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: /Text messages/ }).isChecked(), !wasOn);
    await shop.screenshot(page, 'shop-account');

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Phone (optional)').fill('call me maybe');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByLabel('Phone (optional)').and(page.locator('[aria-invalid=true]')).waitFor();
    await page.getByLabel('Phone (optional)').fill('+15551234567');
    await fillAddress();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The saved address fills checkout in.
    await addToCart('chef knife');
    await page.goto('/checkout');
    await page
      .getByLabel('City')
      .and(page.locator(`[value="${ADDRESS.city}"]`))
      .waitFor();
    await page.goto('/cart');
    await page.getByRole('button', { name: 'Remove' }).click();
  });

  it('refreshes the session without the visitor noticing', async () => {
    const KEY = 'emporium.shop.session';
    const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), KEY);
    const first = await stored();
    assert.ok(first?.refresh_token, 'signed in');
    // An access token the gateway refuses (401): the client refreshes once and retries the request.
    await page.evaluate(
      ([key, tokens]) => localStorage.setItem(key, JSON.stringify({ ...tokens, access_token: 'not.a.token' })),
      [KEY, first] as const,
    );
    await page.goto('/account');
    await page.getByTestId('account-order').first().waitFor();
    const second = await stored();
    assert.notEqual(second.refresh_token, first.refresh_token, 'the refresh token rotated');
    assert.notEqual(second.access_token, 'not.a.token');
    // An access token past its expiry: refreshed before the request goes out.
    await page.evaluate(([key, tokens]) => localStorage.setItem(key, JSON.stringify({ ...tokens, expires_at: 0 })), [
      KEY,
      second,
    ] as const);
    await page.goto('/account/notifications');
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    assert.notEqual((await stored()).refresh_token, second.refresh_token);
    assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 0, 'still signed in');
  });

  it('signs out, and the account page asks to sign in again', async () => {
    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/$/);
    await page.goto('/account');
    await page.getByRole('link', { name: 'Sign in' }).last().waitFor();
    assert.equal(await page.getByRole('heading', { name: /Hello/ }).count(), 0);
  });
});
