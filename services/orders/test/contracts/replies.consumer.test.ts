// Orders' pacts with inventory and payments: the replies its saga waits for, as orders receives them,
// each applied by the saga's own handlers to a real order on orders' own database. A reply names an
// order by id (any UUID, says the pact); the test points it at the order it placed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { consumerPact, exampleOf, expectMessage, runHandler, withData } from '@emporium/contract-testing';
import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
} from '@emporium/contracts';
import { orderHandlers } from '../../src/messages/subscriptions.js';
import { startTestOrders, type TestOrders } from '../support/orders.js';
import { confirmedOrder, type PlacedOrder, placeOrder, reservedOrder } from './orders-in-flight.js';

describe('orders ← inventory, payments: the saga replies', () => {
  let orders: TestOrders;
  before(async () => {
    orders = await startTestOrders('orders_pacts_replies');
  });
  after(() => orders.close());

  const handlers = () => orderHandlers(orders.saga);
  const place = () => placeOrder(orders);
  const reserved = (order: PlacedOrder) => reservedOrder(orders, order);
  const statusOf = async (id: string) =>
    (await orders.app.inject({ url: `/v1/orders/${id}`, headers: orders.customer })).json<{
      status: string;
      reason?: string;
    }>();
  const sagaOf = async (id: string) =>
    (await orders.app.inject({ url: `/v1/orders/${id}/saga`, headers: orders.admin })).json<{
      status: string;
      awaiting_compensation: string[];
    }>();
  const published = async (id: string) => (await orders.published(id)).map((m) => m.name);

  describe('orders ← inventory', () => {
    const { pact, settle } = consumerPact('orders', 'inventory');

    it('asks for payment once InventoryReserved arrives', async () => {
      const order = await place();
      await expectMessage(pact, exampleOf(InventoryReserved), async (event) => {
        const reply = withData(event, { order_id: order.id, items: [{ product_id: order.productId, quantity: 2 }] });
        assert.deepEqual(await runHandler(orders.pool, handlers(), reply), []);
        assert.deepEqual(await published(order.id), ['OrderCreated', 'ReserveInventory', 'ProcessPayment']);
      });
    });

    it('rejects the order on InventoryReservationFailed, with its reason', async () => {
      const order = await place();
      await expectMessage(pact, exampleOf(InventoryReservationFailed), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        const { status, reason } = await statusOf(order.id);
        assert.equal(status, 'rejected');
        assert.equal(reason, event.data.reason);
      });
    });

    it('ends the compensation of a rejected order on InventoryReleased', async () => {
      const order = await place();
      await reserved(order);
      await orders.deliver(PaymentFailed, { order_id: order.id, reason: 'card_declined' });
      assert.deepEqual((await sagaOf(order.id)).awaiting_compensation, ['reserve_inventory']);
      await expectMessage(pact, exampleOf(InventoryReleased), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        assert.deepEqual((await sagaOf(order.id)).awaiting_compensation, []);
      });
    });

    it('matches the committed pact', () => settle());
  });

  describe('orders ← payments', () => {
    const { pact, settle } = consumerPact('orders', 'payments');
    /** A confirmed order, cancelled: its saga awaits the undo of the payment. */
    const cancelledConfirmedOrder = async () => {
      const order = await confirmedOrder(orders);
      const cancel = await orders.app.inject({
        method: 'POST',
        url: `/v1/orders/${order.id}/cancel`,
        headers: orders.customer,
      });
      assert.equal(cancel.statusCode, 202, cancel.body);
      assert.ok((await sagaOf(order.id)).awaiting_compensation.includes('process_payment'));
      return order;
    };

    it('confirms the order on PaymentCompleted and commits the reservation', async () => {
      const order = await place();
      await reserved(order);
      await expectMessage(pact, exampleOf(PaymentCompleted), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        assert.equal((await statusOf(order.id)).status, 'confirmed');
        assert.ok((await published(order.id)).includes('CommitReservation'));
      });
    });

    it('rejects the order on PaymentFailed and releases the stock', async () => {
      const order = await place();
      await reserved(order);
      await expectMessage(pact, exampleOf(PaymentFailed), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        assert.equal((await statusOf(order.id)).status, 'rejected');
        assert.ok((await published(order.id)).includes('ReleaseInventory'));
      });
    });

    it('ends the refund of a cancelled order on PaymentRefunded', async () => {
      const order = await cancelledConfirmedOrder();
      await expectMessage(pact, exampleOf(PaymentRefunded), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        assert.ok(!(await sagaOf(order.id)).awaiting_compensation.includes('process_payment'));
      });
    });

    it('ends the compensation of a cancelled order on PaymentRefundSkipped (nothing was left to refund)', async () => {
      const order = await cancelledConfirmedOrder();
      await expectMessage(pact, exampleOf(PaymentRefundSkipped), async (event) => {
        await runHandler(orders.pool, handlers(), withData(event, { order_id: order.id }));
        assert.ok(!(await sagaOf(order.id)).awaiting_compensation.includes('process_payment'));
      });
    });

    it('matches the committed pact', () => settle());
  });
});
