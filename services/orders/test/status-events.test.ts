// GET /v1/orders/{id}/events: Server-Sent Events over a real socket, the current state first, one event
// per status change, ending at a final status; the same access rules as reading the order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InventoryReserved, PaymentCompleted } from '@emporium/contracts';
import { orderBody, startTestOrders, type TestOrders } from './support/orders.js';

/** Reads an SSE response until it ends (or `stopAfter` events), returning each event's name and data. */
async function readEvents(res: Response, onEvent: (n: number) => Promise<void>, stopAfter = Infinity) {
  const events: Array<{ event: string; data: { status: string } }> = [];
  const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      events.push({ event, data: JSON.parse(data) });
      if (events.length >= stopAfter) {
        await reader.cancel();
        return events;
      }
      await onEvent(events.length);
    }
  }
}

describe('orders: live status events', () => {
  let orders: TestOrders;
  let base: string;
  before(async () => {
    orders = await startTestOrders('orders_events');
    base = await orders.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => orders.close());

  const place = async (headers = orders.customer) => {
    const product = orders.addProduct();
    const res = await orders.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers,
      payload: orderBody([{ product_id: product.id }]),
    });
    return { id: res.json().id as string, product };
  };
  const open = (id: string, headers: Record<string, string> = orders.customer) =>
    fetch(`${base}/v1/orders/${id}/events`, { headers });

  it('sends the current state, then each change, and ends at a final status', async () => {
    const { id, product } = await place();
    const res = await open(id);
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /^text\/event-stream/);
    const events = await readEvents(res, async (n) => {
      if (n === 1) {
        await orders.deliver(InventoryReserved, { order_id: id, items: [{ product_id: product.id, quantity: 1 }] });
        await orders.deliver(PaymentCompleted, {
          payment_id: crypto.randomUUID(),
          order_id: id,
          amount: { amount: 1250, currency: 'USD' },
        });
      }
      if (n === 2) {
        const ship = await orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/ship`, headers: orders.admin });
        assert.equal(ship.statusCode, 200);
      }
    });
    assert.deepEqual(
      events.map((e) => [e.event, e.data.status]),
      [
        ['status', 'pending'],
        ['status', 'confirmed'],
        ['status', 'shipped'],
      ],
      'one event per change (a reply that changes no status sends nothing), and the stream ends at shipped',
    );
  });

  it('ends at once for an order already final', async () => {
    const { id } = await place();
    assert.equal(
      (await orders.app.inject({ method: 'POST', url: `/v1/orders/${id}/cancel`, headers: orders.customer }))
        .statusCode,
      202,
    );
    const events = await readEvents(await open(id), async () => {});
    assert.deepEqual(
      events.map((e) => e.data.status),
      ['cancelled'],
    );
  });

  it('refuses without a token (401) and hides another customer’s order (404)', async () => {
    const { id } = await place();
    assert.equal((await open(id, {})).status, 401);
    const stranger = await orders.tokens.headersFor('customer');
    const res = await open(id, stranger);
    assert.equal(res.status, 404);
    assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
  });
});
