// Templates and the rules under them, without I/O: money, reasons in plain words, HTML escaping of
// user data, and which channels an event goes out on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelsFor, DEFAULT_PREFERENCES } from '../src/domain/channels.js';
import { formatMoney } from '../src/domain/money.js';
import { orderReference } from '../src/domain/order-reference.js';
import { reasonInPlainWords } from '../src/domain/reasons.js';
import { render, shortOf, TEMPLATES, type TemplateCall } from '../src/templates/index.js';

const ORDER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('notification templates', () => {
  it('formats money from minor units as the currency writes it', () => {
    assert.equal(formatMoney(usd(2599)), '$25.99');
    assert.equal(formatMoney(usd(0)), '$0.00');
    assert.equal(formatMoney(usd(123456789)), '$1,234,567.89');
    assert.equal(formatMoney({ amount: 500, currency: 'JPY' }), '¥500');
  });

  it('says rejection reasons in plain words, and still in words for a code it does not know', () => {
    assert.equal(reasonInPlainWords('out_of_stock'), 'some of the items are out of stock');
    assert.equal(reasonInPlainWords('payment_declined'), 'your payment was declined');
    assert.equal(reasonInPlainWords('insufficient_funds'), 'your card has insufficient funds');
    assert.equal(reasonInPlainWords('invalid_payment_method'), 'the payment method could not be used');
    assert.match(reasonInPlainWords('timeout'), /took too long/);
    assert.equal(reasonInPlainWords('warehouse_flooded'), 'warehouse flooded');
  });

  it('refers to an order by the random end of its id', () => {
    assert.equal(orderReference(ORDER), '#2E3F4A5B');
  });

  it('renders every template with a subject, a short line, and a text and HTML body', () => {
    const calls: TemplateCall[] = [
      { template: 'welcome', data: {} },
      { template: 'order_confirmed', data: { order_id: ORDER, total: usd(2599) } },
      { template: 'order_rejected', data: { order_id: ORDER, reason: 'out_of_stock' } },
      { template: 'order_shipped', data: { order_id: ORDER } },
      { template: 'order_cancelled', data: { order_id: ORDER, reason: 'customer_request', refunded: usd(2599) } },
      { template: 'refund_issued', data: { order_id: ORDER, amount: usd(1250) } },
    ];
    assert.deepEqual(calls.map((c) => c.template).sort(), Object.keys(TEMPLATES).sort(), 'every template is covered');
    for (const call of calls) {
      const message = render(call, { name: 'Ada' });
      assert.ok(message.subject.length > 0 && message.short.length > 0, call.template);
      assert.match(message.text, /^Hi Ada,/, call.template);
      assert.match(message.html.markup, /<p>Hi Ada,<\/p>/, call.template);
      assert.equal(shortOf(call), message.short);
    }
  });

  it('puts the amounts and the reason in words into the order messages', () => {
    const refund = render({ template: 'refund_issued', data: { order_id: ORDER, amount: usd(1250) } }, { name: 'A' });
    assert.match(refund.subject, /Refund of \$12\.50 issued/);
    const rejected = render(
      { template: 'order_rejected', data: { order_id: ORDER, reason: 'payment_declined' } },
      {
        name: 'A',
      },
    );
    assert.match(rejected.text, /because your payment was declined/);
    assert.doesNotMatch(rejected.text, /payment_declined/);
    const unpaid = render(
      { template: 'order_cancelled', data: { order_id: ORDER, reason: 'customer_request', refunded: usd(0) } },
      { name: 'A' },
    );
    assert.match(unpaid.text, /had not been charged/);
  });

  it('escapes a hostile name in the HTML body and keeps it as written in the text body', () => {
    const name = `<script>alert("x")</script> & O'Neil`;
    const message = render({ template: 'welcome', data: {} }, { name });
    assert.doesNotMatch(message.html.markup, /<script>/);
    assert.match(message.html.markup, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; O&#39;Neil/);
    assert.match(message.text, /Hi <script>alert\("x"\)<\/script> & O'Neil,/);
  });
});

describe('channels for an event', () => {
  const contact = (phone: string | null) => ({ userId: 'u', email: 'u@example.com', name: 'U', phone });

  it('is email only by default', () => {
    assert.deepEqual(channelsFor(DEFAULT_PREFERENCES, contact('+15555550100')), ['email']);
  });

  it('includes SMS only when it is on and the contact has a phone, or is not known yet', () => {
    const all = { email: true, sms: true, push: true };
    assert.deepEqual(channelsFor(all, contact('+15555550100')), ['email', 'sms', 'push']);
    assert.deepEqual(channelsFor(all, contact(null)), ['email', 'push']);
    assert.deepEqual(channelsFor(all, undefined), ['email', 'sms', 'push']);
  });

  it('is nothing when every channel is off', () => {
    assert.deepEqual(channelsFor({ email: false, sms: false, push: false }, contact('+15555550100')), []);
  });
});
